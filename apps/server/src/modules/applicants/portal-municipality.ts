import type { Database } from '../../db/database.js';
import { listMunicipalities, municipalityCard } from '../municipalities/index.js';

const normalized = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

/**
 * The municipality of the applicant's own region: the first whose region is named in the address
 * Госуслуги give (registration, then residence: «Республика Татарстан, г. Казань, …» → Казань). Null when
 * no address names a region of the installation.
 */
export async function homeMunicipality(
  db: Database['system'],
  addresses: ReadonlyArray<string | null>,
): Promise<{ id: string; name: string } | null> {
  const texts = addresses.filter((a): a is string => Boolean(a)).map(normalized);
  if (texts.length === 0) return null;
  const cards = [];
  for (const m of await listMunicipalities(db)) {
    const card = await municipalityCard(db, m.id);
    if (card) cards.push(card);
  }
  for (const text of texts) {
    const found = cards.find((c) => text.includes(normalized(c.regionName)));
    if (found) return { id: found.id, name: found.name };
  }
  return null;
}
