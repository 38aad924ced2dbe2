import type { EmulatorOrganization, EmulatorPerson } from './persons.js';

/**
 * The person REST resources (docs/protocols/esia.md §3) as ESIA shapes them, each limited to what the token's scopes
 * grant. Collections list URLs of their elements, or the elements themselves with `embed=(elements)`.
 */

export type CollectionName = 'ctts' | 'addrs' | 'docs' | 'roles';

type Element = Record<string, unknown> & { id: string };

const etag = (seed: string) => Buffer.from(seed).toString('hex').slice(0, 32).toUpperCase();

export function personResource(p: EmulatorPerson, scopes: ReadonlySet<string>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    stateFacts: ['EntityRoot'],
    eTag: etag(`prn${p.oid}`),
    trusted: true,
    status: 'REGISTERED',
    verifying: false,
    citizenship: 'RUS',
    updatedOn: 1_700_000_000,
    rIdDoc: Number(`${p.oid.slice(-4)}03`),
    containsUpCfmCode: false,
  };
  if (scopes.has('fullname'))
    Object.assign(body, { lastName: p.lastName, firstName: p.firstName, middleName: p.middleName });
  if (scopes.has('birthdate')) body.birthDate = p.birthDate;
  if (scopes.has('gender')) body.gender = p.gender;
  if (scopes.has('snils')) body.snils = p.snils;
  if (scopes.has('inn')) body.inn = p.inn;
  if (scopes.has('birthplace')) body.birthPlace = p.birthPlace;
  return body;
}

function elements(p: EmulatorPerson, name: CollectionName, scopes: ReadonlySet<string>): Element[] | null {
  const id = (n: number) => `${p.oid.slice(-4)}${String(n).padStart(2, '0')}`;
  switch (name) {
    case 'ctts': {
      const all = scopes.has('contacts');
      if (!all && !scopes.has('email') && !scopes.has('mobile')) return null;
      const list: Element[] = [];
      if (all || scopes.has('email'))
        list.push({ id: id(1), type: 'EML', vrfStu: 'VERIFIED', value: p.email });
      if (all || scopes.has('mobile'))
        list.push({ id: id(2), type: 'MBT', vrfStu: 'VERIFIED', value: p.mobile });
      return list.map((c) => ({ stateFacts: ['Identifiable'], eTag: etag(`ctt${c.id}`), ...c }));
    }
    case 'addrs':
      if (!scopes.has('addresses')) return null;
      return (['PRG', 'PLV'] as const).map((type, i) => ({
        stateFacts: ['Identifiable'],
        id: id(10 + i),
        type,
        countryId: 'RUS',
        ...p.registrationAddress,
        eTag: etag(`addr${p.oid}${type}`),
      }));
    case 'docs':
      if (!scopes.has('id_doc')) return null;
      return [
        { stateFacts: ['Identifiable'], id: id(3), type: 'RF_PASSPORT', vrfStu: 'VERIFIED', ...p.passport },
      ];
    case 'roles':
      if (!scopes.has('usr_org')) return null;
      return p.organizations.map((o) => ({ id: o.oid, ...roleOf(p, o) }));
  }
}

function roleOf(p: EmulatorPerson, o: EmulatorOrganization): Record<string, unknown> {
  return {
    oid: Number(o.oid),
    prnOid: Number(p.oid),
    fullName: o.fullName,
    shortName: o.shortName,
    ogrn: o.ogrn,
    type: 'LEGAL',
    chief: o.role === 'Руководитель',
    admin: true,
    active: true,
    hasRightOfSubstitution: true,
    isLiquidated: false,
  };
}

/** null when the token's scopes do not grant the collection. */
export function collectionResource(
  p: EmulatorPerson,
  name: CollectionName,
  scopes: ReadonlySet<string>,
  embed: boolean,
  selfUrl: string,
): Record<string, unknown> | null {
  const list = elements(p, name, scopes);
  if (!list) return null;
  return {
    stateFacts: ['hasSize'],
    size: list.length,
    eTag: etag(`${name}${p.oid}`),
    elements: embed ? list : list.map((e) => `${selfUrl}/${e.id}`),
  };
}

export function collectionElement(
  p: EmulatorPerson,
  name: CollectionName,
  scopes: ReadonlySet<string>,
  elementId: string,
): Record<string, unknown> | null | undefined {
  const list = elements(p, name, scopes);
  if (!list) return null;
  return list.find((e) => e.id === elementId);
}

export function organizationResource(o: EmulatorOrganization): Record<string, unknown> {
  return {
    stateFacts: ['EntityRoot'],
    oid: Number(o.oid),
    fullName: o.fullName,
    shortName: o.shortName,
    ogrn: o.ogrn,
    inn: o.inn,
    kpp: o.kpp,
    type: 'LEGAL',
    eTag: etag(`org${o.oid}`),
  };
}
