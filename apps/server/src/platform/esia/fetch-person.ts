import type { z } from 'zod';
import type { AccessToken } from './client.js';
import { EsiaError } from './errors.js';
import { ESIA_SCHEMAS, readOrganization, readPerson, type EsiaPerson } from './person.js';
import { ESIA_PATHS } from './protocol.js';

interface Requester {
  request(url: string, init: RequestInit): Promise<Response>;
}

async function getJson<T extends z.ZodType>(
  http: Requester,
  url: string,
  token: string,
  schema: T,
): Promise<z.infer<T>> {
  const response = await http.request(url, {
    method: 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const code = (json as { code?: unknown } | null)?.code;
    throw new EsiaError('refused', `${url}: ${response.status}`, typeof code === 'string' ? code : undefined);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new EsiaError('invalid_response', `${url}: unexpected shape`);
  return parsed.data;
}

/**
 * Reads only the token's own subject (`urn:esia:sbj_id`) and only what the token's scopes grant;
 * an answer naming another subject is refused. Contacts, addresses and documents are asked with
 * `embed=(elements)` so each collection is one request (§3).
 */
export async function fetchPerson(
  http: Requester,
  personsBase: string,
  access: AccessToken,
  apiBase: string,
): Promise<EsiaPerson> {
  const granted = new Set(access.scopes.filter((s) => s.orgOid === null).map((s) => s.name));
  const base = `${personsBase}/${encodeURIComponent(access.oid)}`;
  const collection = <T extends z.ZodType>(path: string, schema: T, needs: string[]) =>
    needs.some((s) => granted.has(s))
      ? getJson(http, `${base}/${path}?embed=(elements)`, access.token, schema)
      : Promise.resolve(null);
  const actingOid = access.scopes.find((s) => s.orgOid !== null)?.orgOid ?? null;

  const [person, contacts, addresses, documents, roles, organization] = await Promise.all([
    getJson(http, base, access.token, ESIA_SCHEMAS.person),
    collection('ctts', ESIA_SCHEMAS.contacts, ['contacts', 'email', 'mobile']),
    collection('addrs', ESIA_SCHEMAS.addresses, ['addresses']),
    collection('docs', ESIA_SCHEMAS.documents, ['id_doc']),
    collection('roles', ESIA_SCHEMAS.roles, ['usr_org']),
    actingOid
      ? getJson(
          http,
          `${apiBase}${ESIA_PATHS.organizations}/${encodeURIComponent(actingOid)}`,
          access.token,
          ESIA_SCHEMAS.organization,
        )
      : Promise.resolve(null),
  ]);
  if (person.oid !== undefined && String(person.oid) !== access.oid) {
    throw new EsiaError('invalid_response', `person data of ${String(person.oid)}, token of ${access.oid}`);
  }
  if (organization && String(organization.oid) !== actingOid) {
    throw new EsiaError(
      'invalid_response',
      `organisation ${String(organization.oid)} instead of ${actingOid}`,
    );
  }
  if (!person.lastName || !person.firstName) throw new EsiaError('invalid_response', 'person without a name');
  return readPerson({
    oid: access.oid,
    person,
    contacts,
    addresses,
    documents,
    roles,
    actingFor: organization ? readOrganization(organization) : null,
  });
}
