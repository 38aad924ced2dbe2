import type { Tx } from '../../db/database.js';
import { readStreamHistory } from '../../platform/journal/read.js';
import { fullNameOf } from '../../platform/names.js';
import { employeeNames, orgUnitNames } from '../org/index.js';

/** A journal entry as the view reads it (platform/journal/read.ts). */
export interface ViewedEntry {
  id: number;
  stream: string;
  actorId: string | null;
  actorName: string;
  objectType: string;
  objectId: string;
  payload: unknown;
}

type Payload = Record<string, unknown>;

/** Object types whose entries carry their object's name, and how to read it from one entry. */
const NAMED_IN_PAYLOAD: Record<string, (payload: Payload, known: string | null) => string | null> = {
  // An employee's ФИО may change a part at a time: the parts are merged over the stream (below).
  employee: (_payload, known) => known,
  org_unit: (p, known) => text(p.name) ?? text(asObject(p.after).name) ?? known,
  position: (p, known) => text(p.name) ?? known,
  document: (p, known) => text(p.title) ?? known,
  term: (p, known) => text(p.title) ?? known,
  signing_certificate: (p, known) => text(p.subject) ?? known,
  trusted_root: (p, known) => text(p.subject) ?? known,
  installation_admin: (p, known) => text(asObject(p.employee).fullName) ?? known,
  service: (p, known) => text(p.name) ?? known,
};

/** Payload keys that name an employee or a unit by id, at any depth of before/after. */
const EMPLOYEE_KEYS = new Set(['employeeId', 'requestedBy', 'headEmployeeId']);
const UNIT_KEYS = new Set(['orgUnitId', 'parentId']);

/**
 * What the journal view shows in place of ids: each entry's object by its name as of the entry, and
 * the names of the employees and units its payload refers to.
 *
 * The name as of the entry is the latest one the object's own entries carried up to that entry (an
 * employee's creation and later changes carry the ФИО, a document's upload its title), since entries
 * are immutable and a later rename must not rewrite the past. An object whose entries carry no name
 * (a session; an employee created before the journal said more) is named by its owner's current data:
 * the org module's index, never its tables.
 */
export async function journalNames(
  tx: Tx,
  entries: readonly ViewedEntry[],
): Promise<{ objectNames: Map<number, string | null>; references: Map<string, string> }> {
  const objectNames = new Map<number, string | null>();
  const named = entries.filter((e) => e.objectType in NAMED_IN_PAYLOAD);
  const maxId = Math.max(0, ...named.map((e) => e.id));
  const history = await readStreamHistory(
    tx,
    named.map((e) => e.stream),
    maxId,
  );
  // Per stream, the name after each of its entries (history is oldest first).
  const namesByStream = new Map<string, Array<{ id: number; name: string | null }>>();
  const personParts = new Map<string, Payload>();
  for (const h of history) {
    const objectType = h.stream.slice(0, h.stream.indexOf(':'));
    const read = NAMED_IN_PAYLOAD[objectType];
    if (!read) continue;
    const steps = namesByStream.get(h.stream) ?? [];
    const payload = asObject(h.payload);
    let name = read(payload, steps.at(-1)?.name ?? null);
    if (objectType === 'employee') {
      const parts = {
        ...personParts.get(h.stream),
        ...pickName(payload),
        ...pickName(asObject(payload.after)),
      };
      personParts.set(h.stream, parts);
      name = personName(parts) ?? name;
    }
    steps.push({ id: h.id, name });
    namesByStream.set(h.stream, steps);
  }
  for (const e of named) {
    const steps = namesByStream.get(e.stream) ?? [];
    let name: string | null = null;
    for (const step of steps) {
      if (step.id > e.id) break;
      name = step.name;
    }
    objectNames.set(e.id, name);
  }

  // A session's object is its person: the actor when they act themselves (signing in and out).
  for (const e of entries) {
    if ((e.objectType === 'session' || e.objectType === 'portal_session') && e.actorId === e.objectId) {
      objectNames.set(e.id, e.actorName);
    }
  }

  const employeeIds = new Set<string>();
  const unitIds = new Set<string>();
  for (const e of entries) {
    collectReferences(e.payload, employeeIds, unitIds);
    const unnamed = objectNames.get(e.id) == null;
    if (unnamed && (e.objectType === 'employee' || e.objectType === 'session')) employeeIds.add(e.objectId);
    if (unnamed && e.objectType === 'org_unit') unitIds.add(e.objectId);
  }
  const [employees, units] = await Promise.all([
    employeeNames(tx, [...employeeIds].filter(isUuid)),
    orgUnitNames(tx, [...unitIds].filter(isUuid)),
  ]);
  for (const e of entries) {
    if (objectNames.get(e.id) != null) continue;
    const current =
      e.objectType === 'employee' || e.objectType === 'session'
        ? employees.get(e.objectId)
        : e.objectType === 'org_unit'
          ? units.get(e.objectId)
          : undefined;
    objectNames.set(e.id, current ?? null);
  }
  return { objectNames, references: new Map([...employees, ...units]) };
}

function collectReferences(value: unknown, employees: Set<string>, units: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, employees, units);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value as Payload)) {
    if (typeof item === 'string' && EMPLOYEE_KEYS.has(key)) employees.add(item);
    else if (typeof item === 'string' && UNIT_KEYS.has(key)) units.add(item);
    else collectReferences(item, employees, units);
  }
}

function pickName(p: Payload): Payload {
  return Object.fromEntries(
    Object.entries(p).filter(([key]) => key === 'lastName' || key === 'firstName' || key === 'middleName'),
  );
}

function personName(p: Payload): string | null {
  const lastName = text(p.lastName);
  const firstName = text(p.firstName);
  if (!lastName || !firstName) return null;
  return fullNameOf({ lastName, firstName, middleName: text(p.middleName) });
}

function asObject(value: unknown): Payload {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Payload) : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: string): boolean {
  return UUID.test(value);
}
