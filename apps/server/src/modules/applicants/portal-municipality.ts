import type { Database } from '../../db/database.js';
import { AppError, fieldError } from '../../platform/errors.js';
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

/** A municipality of the installation the applicant named, or the refusal that names the field. */
export async function portalMunicipality(
  db: Database['system'],
  id: string,
): Promise<{ id: string; name: string }> {
  const card = await municipalityCard(db, id);
  if (!card) throw fieldError('municipalityId', 'Муниципальное образование: не найдено');
  return { id: card.id, name: card.name };
}

/** The applicant's choice, kept for their next sign-ins (applicants.chosen_municipality_id). */
export async function rememberMunicipality(
  db: Database['system'],
  applicantId: string,
  municipalityId: string,
): Promise<void> {
  const updated = await db
    .updateTable('applicants')
    .set({ chosenMunicipalityId: municipalityId })
    .where('id', '=', applicantId)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n) throw new AppError('not_found', `applicant ${applicantId}`);
}

/** How the municipality of an applicant's sign-in was found (journaled with the sign-in). */
export type MunicipalitySource = 'explicit' | 'remembered' | 'region' | 'chosen';

/**
 * Where an applicant who has just signed in goes, in this order: the municipality chosen for this
 * sign-in; the one they chose before (remembered); the one of the region in their ESIA registration,
 * then residence, address. Null when none applies: the applicant is asked to choose.
 */
export async function placeApplicant(
  db: Database['system'],
  input: {
    explicit: string | null;
    remembered: string | null;
    addresses: ReadonlyArray<string | null>;
  },
): Promise<{ id: string; by: MunicipalitySource } | null> {
  if (input.explicit) return { id: input.explicit, by: 'explicit' };
  if (input.remembered) return { id: input.remembered, by: 'remembered' };
  const home = await homeMunicipality(db, input.addresses);
  return home ? { id: home.id, by: 'region' } : null;
}
