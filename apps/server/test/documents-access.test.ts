import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetails, StoredDocument } from '@uslugi/contracts';
import { listMigrations, migrate } from '../src/db/migrate.js';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { signInAs, testApp, testDatabase, type Agent, type TestApp } from './harness.js';
import { b64, pkiOf, sign, upload } from './signatures-helpers.js';
import { multipart } from './file-intake-support.js';

/**
 * Who sees which document: a matrix role × tenant × ownership over every
 * document route. The routes come from the application itself, so a document route added later without
 * a row here fails the walk.
 */

const ACTORS = {
  // Kazan: the owner works in «Отдел предоставления земельных участков», a unit under КЗИО.
  owner: 'Галиева',
  // head of КЗИО: the owner's unit is below theirs
  head: 'Сафин',
  // КЗИО as well, approver and employee but no head: a colleague, not a superior
  colleague: 'Никитина',
  // employee of another branch (УАиГ)
  otherUnit: 'Петров',
  operator: 'Хасанова',
  techOperator: 'Закиров',
  // Shumikha: a head and an employee of their unit
  otherTenantHead: 'Соколов',
  otherTenantEmployee: 'Иванова',
} as const;
type ActorKey = keyof typeof ACTORS;
const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

/** Roles without `documents.read`: refused at the door (403) whatever the document. */
const NO_DOCUMENT_RIGHTS: readonly ActorKey[] = ['operator', 'techOperator'];

/** Each test document: who uploads it and who, besides nobody else, sees it. */
const DOCUMENTS = {
  ofOwner: { uploader: 'owner', visibleTo: ['owner', 'head'] },
  // a subordinate does not see their head's documents
  ofHead: { uploader: 'head', visibleTo: ['head'] },
  // the head of КЗИО does not see another branch's
  ofOtherUnit: { uploader: 'otherUnit', visibleTo: ['otherUnit'] },
  ofOtherTenant: {
    uploader: 'otherTenantEmployee',
    visibleTo: ['otherTenantEmployee', 'otherTenantHead'],
  },
} as const satisfies Record<string, { uploader: ActorKey; visibleTo: readonly ActorKey[] }>;
type DocumentKey = keyof typeof DOCUMENTS;
const DOCUMENT_KEYS = Object.keys(DOCUMENTS) as DocumentKey[];

type Outcome = 'allowed' | 'not_found' | 'forbidden';

interface Fixture {
  id: string;
  signatureId: string;
  content: string;
}

function outcomeOf(res: { statusCode: number; body: string }, what: string): Outcome {
  if (res.statusCode === 200 || res.statusCode === 201) return 'allowed';
  if (res.statusCode === 404) return 'not_found';
  if (res.statusCode === 403) return 'forbidden';
  throw new Error(`${what}: unexpected ${res.statusCode} ${res.body}`);
}

const expectedFor = (actor: ActorKey, document: DocumentKey): Outcome =>
  NO_DOCUMENT_RIGHTS.includes(actor)
    ? 'forbidden'
    : (DOCUMENTS[document].visibleTo as readonly ActorKey[]).includes(actor)
      ? 'allowed'
      : 'not_found';

type DocumentProbe = (agent: Agent, document: Fixture) => Promise<Outcome>;
type ActorProbe = (agent: Agent, actor: ActorKey) => Promise<Outcome>;

describe('who sees which document', () => {
  let t: TestApp;
  const agents = {} as Record<ActorKey, Agent>;
  const fixtures = {} as Record<DocumentKey, Fixture>;
  const unitOf = {} as Record<ActorKey, string | null>;

  /** One probe for each document route that acts on a document: what it answered this actor. */
  const perDocument: Record<string, DocumentProbe> = {
    // the list: allowed when the document is in it
    'GET /api/v1/documents': async (agent, document) => {
      const res = await agent.request({ method: 'GET', url: '/api/v1/documents' });
      const outcome = outcomeOf(res, 'list');
      if (outcome !== 'allowed') return outcome;
      const ids = (res.json() as StoredDocument[]).map((d) => d.id);
      return ids.includes(document.id) ? 'allowed' : 'not_found';
    },
    // the card with its signatures
    'GET /api/v1/documents/:id': async (agent, document) => {
      const res = await agent.request({ method: 'GET', url: `/api/v1/documents/${document.id}` });
      const outcome = outcomeOf(res, 'card');
      if (outcome === 'allowed') {
        const details = res.json() as DocumentDetails;
        expect(details.signatures.map((s) => s.id)).toContain(document.signatureId);
      }
      return outcome;
    },
    'HEAD /api/v1/documents/:id': async (agent, document) =>
      outcomeOf(
        await agent.request({ method: 'HEAD', url: `/api/v1/documents/${document.id}` }),
        'card (HEAD)',
      ),
    'GET /api/v1/documents/:id/content': async (agent, document) => {
      const res = await agent.request({ method: 'GET', url: `/api/v1/documents/${document.id}/content` });
      const outcome = outcomeOf(res, 'content');
      if (outcome === 'allowed') expect(res.raw.toString('utf8')).toBe(document.content);
      return outcome;
    },
    'HEAD /api/v1/documents/:id/content': async (agent, document) =>
      outcomeOf(
        await agent.request({ method: 'HEAD', url: `/api/v1/documents/${document.id}/content` }),
        'content (HEAD)',
      ),
    // signing, with the right PIN: a document one may not see is not found before the key is opened
    'POST /api/v1/documents/:id/signatures': async (agent, document) => {
      const res = await agent.request({
        method: 'POST',
        url: `/api/v1/documents/${document.id}/signatures`,
        payload: { pin: DEMO_PIN },
      });
      return outcomeOf(res, 'sign');
    },
    'GET /api/v1/documents/:id/signatures/:signatureId/content': async (agent, document) => {
      const res = await agent.request({
        method: 'GET',
        url: `/api/v1/documents/${document.id}/signatures/${document.signatureId}/content`,
      });
      const outcome = outcomeOf(res, 'signature');
      if (outcome === 'allowed') expect(res.raw[0]).toBe(0x30);
      return outcome;
    },
    'HEAD /api/v1/documents/:id/signatures/:signatureId/content': async (agent, document) =>
      outcomeOf(
        await agent.request({
          method: 'HEAD',
          url: `/api/v1/documents/${document.id}/signatures/${document.signatureId}/content?format=base64`,
        }),
        'signature (HEAD)',
      ),
  };

  /** Document routes that act on no particular document: who may use them at all. */
  const perActor: Record<string, ActorProbe> = {
    'HEAD /api/v1/documents': async (agent) =>
      outcomeOf(await agent.request({ method: 'HEAD', url: '/api/v1/documents' }), 'list (HEAD)'),
    // an upload belongs to its uploader and to the uploader's unit, and its uploader sees it
    'POST /api/v1/documents': async (agent, actor) => {
      const res = await agent.request({
        method: 'POST',
        url: '/api/v1/documents',
        payload: { title: `Загрузка ${actor}`, fileName: 'x.txt', content: b64(`от ${actor}`) },
      });
      const outcome = outcomeOf(res, 'upload');
      if (outcome === 'allowed') {
        const stored = res.json() as StoredDocument;
        expect(stored.orgUnitId).toBe(unitOf[actor]);
        expect(stored.orgUnitName).toEqual(expect.any(String));
        const mine = await agent.request({ method: 'GET', url: `/api/v1/documents/${stored.id}` });
        expect(mine.statusCode).toBe(200);
      }
      return outcome;
    },
    // the same as a multipart form through the file intake
    'POST /api/v1/documents/files': async (agent, actor) => {
      const form = multipart([{ name: 'скан.pdf', content: Buffer.from(`%PDF-1.4\nот ${actor}`) }], {
        title: `Скан ${actor}`,
      });
      const res = await agent.request({
        method: 'POST',
        url: '/api/v1/documents/files',
        payload: form.payload,
        headers: form.headers,
      });
      const outcome = outcomeOf(res, 'upload (multipart)');
      if (outcome === 'allowed') {
        const stored = res.json() as StoredDocument;
        expect(stored.orgUnitId).toBe(unitOf[actor]);
        const mine = await agent.request({ method: 'GET', url: `/api/v1/documents/${stored.id}` });
        expect(mine.statusCode).toBe(200);
      }
      return outcome;
    },
  };

  beforeAll(async () => {
    t = await testApp();
    await issueDemoCertificates(t.database, pkiOf(t), {
      lastNames: ['Галиева', 'Сафин', 'Никитина', 'Петров', 'Соколов', 'Иванова'],
    });
    for (const key of ACTOR_KEYS) {
      agents[key] = await signInAs(t, ACTORS[key]);
      const employee = await t.database.system
        .selectFrom('employees')
        .select('orgUnitId')
        .where('id', '=', agents[key].employeeId)
        .executeTakeFirstOrThrow();
      unitOf[key] = employee.orgUnitId;
    }
    for (const key of DOCUMENT_KEYS) {
      const owner = agents[DOCUMENTS[key].uploader];
      const content = `Документ «${key}»`;
      const stored = await upload(owner, key, content);
      const signed = await sign(owner, stored.id, DEMO_PIN);
      expect(signed.statusCode, JSON.stringify(signed.body)).toBe(201);
      fixtures[key] = { id: stored.id, signatureId: signed.body.id, content };
    }
  }, 120_000);
  afterAll(() => t.close());

  it('every document route of the application is in the matrix', () => {
    const routes = t.routes
      .filter((r) => r.url.startsWith('/api/v1/documents'))
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes.filter((r) => !(r in perDocument) && !(r in perActor))).toEqual([]);
    // and the matrix probes no route that is gone
    expect(
      [...Object.keys(perDocument), ...Object.keys(perActor)].filter((r) => !routes.includes(r)),
    ).toEqual([]);
  });

  it('role × tenant × ownership over every route that acts on a document', async () => {
    const mismatches: string[] = [];
    for (const route of t.routes.filter((r) => r.url.startsWith('/api/v1/documents'))) {
      const probe = perDocument[`${route.method} ${route.url}`];
      if (!probe) continue;
      for (const actor of ACTOR_KEYS) {
        for (const document of DOCUMENT_KEYS) {
          const got = await probe(agents[actor], fixtures[document]);
          const want = expectedFor(actor, document);
          if (got !== want) {
            mismatches.push(
              `${route.method} ${route.url} ${ACTORS[actor]} × ${document}: ${got}, want ${want}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Signing a document one cannot see stored nothing: each document has its owner's signature and
    // one more for every other viewer who signed it in the matrix.
    for (const document of DOCUMENT_KEYS) {
      const { count } = await t.database.system
        .selectFrom('documentSignatures')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('documentId', '=', fixtures[document].id)
        .executeTakeFirstOrThrow();
      expect(Number(count), document).toBe(1 + DOCUMENTS[document].visibleTo.length);
    }
  }, 240_000);

  it('who may use the document routes that act on no particular document', async () => {
    const mismatches: string[] = [];
    for (const [route, probe] of Object.entries(perActor)) {
      for (const actor of ACTOR_KEYS) {
        const got = await probe(agents[actor], actor);
        const want: Outcome = NO_DOCUMENT_RIGHTS.includes(actor) ? 'forbidden' : 'allowed';
        if (got !== want) mismatches.push(`${route} ${ACTORS[actor]}: ${got}, want ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('a visible document does not lend its address to the signature of one that is not', async () => {
    const res = await agents.head.request({
      method: 'GET',
      url: `/api/v1/documents/${fixtures.ofOwner.id}/signatures/${fixtures.ofOtherUnit.signatureId}/content`,
    });
    expect(res.statusCode).toBe(404);
    expect((res.json() as { message: string }).message).toBe('Объект не найден');
  });

  it('the list names the owner and the unit of each document', async () => {
    const list = (
      await agents.head.request({ method: 'GET', url: '/api/v1/documents' })
    ).json() as StoredDocument[];
    expect(list.find((d) => d.id === fixtures.ofOwner.id)).toMatchObject({
      createdByName: 'Галиева Алсу Фаритовна',
      orgUnitName: 'Отдел предоставления земельных участков',
    });
  });

  it('a document stays in the unit it was uploaded in when its owner moves', async () => {
    const before = await upload(agents.owner, 'До перевода', 'до');
    const uaig = await t.database.system
      .selectFrom('orgUnits')
      .select('id')
      .where('name', '=', 'Управление архитектуры и градостроительства')
      .executeTakeFirstOrThrow();
    await t.database.system
      .updateTable('employees')
      .set({ orgUnitId: uaig.id })
      .where('id', '=', agents.owner.employeeId)
      .execute();
    const after = await upload(agents.owner, 'После перевода', 'после');
    expect(after.orgUnitId).toBe(uaig.id);
    const seenByHead = async (id: string) =>
      (await agents.head.request({ method: 'GET', url: `/api/v1/documents/${id}` })).statusCode;
    // the head of КЗИО keeps the document of their unit, and does not get the one of УАиГ
    expect(await seenByHead(before.id)).toBe(200);
    expect(await seenByHead(after.id)).toBe(404);
    // the owner sees both
    for (const id of [before.id, after.id]) {
      expect((await agents.owner.request({ method: 'GET', url: `/api/v1/documents/${id}` })).statusCode).toBe(
        200,
      );
    }
  });
});

describe('migration 0010 gives existing documents their uploader’s unit', () => {
  it('backfills org_unit_id from the uploader’s current unit, leaving documents otherwise unchanged', async () => {
    const database = await testDatabase({ empty: true });
    try {
      // The schema as it was before 0010, applied the way migrate() applies it.
      await sql`create table schema_migrations (version text primary key, name text not null,
        checksum text not null, applied_at timestamptz not null default now())`.execute(database.system);
      for (const m of listMigrations().filter((m) => m.version < '0010')) {
        await database.execScript(
          `${m.script}\n;\ninsert into schema_migrations (version, name, checksum) ` +
            `values ('${m.version}', '${m.name}', '${m.checksum}');`,
        );
      }
      // Two municipalities with one employee in a unit each, written as the schema then was (today's
      // demo data needs tables that came later).
      await sql`insert into municipalities (id, name, short_name, oktmo, region_code, region_name) values
          ('00000000-0000-4000-8000-00000000000a', 'Казань', 'Казань', '92701000', '16', 'Татарстан'),
          ('00000000-0000-4000-8000-00000000000b', 'Шумиха', 'Шумиха', '37542000', '45', 'Курганская')
        `.execute(database.system);
      await sql`insert into org_units (id, municipality_id, name) values
          ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-00000000000a', 'Отдел А'),
          ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-00000000000b', 'Отдел Б')
        `.execute(database.system);
      await sql`insert into employees (municipality_id, last_name, first_name, snils, email, org_unit_id) values
          ('00000000-0000-4000-8000-00000000000a', 'Галиева', 'Алсу', '11223344595', 'g@example.ru',
            '00000000-0000-4000-8000-0000000000a1'),
          ('00000000-0000-4000-8000-00000000000b', 'Иванова', 'Мария', '11223344696', 'i@example.ru',
            '00000000-0000-4000-8000-0000000000b1')
        `.execute(database.system);
      const uploaders = await database.system
        .selectFrom('employees')
        .select(['id', 'municipalityId', 'orgUnitId', 'lastName'])
        .where('lastName', 'in', ['Галиева', 'Иванова'])
        .execute();
      for (const e of uploaders) {
        await sql`insert into documents (municipality_id, title, file_name, media_type, size, sha256,
            streebog256, storage_key, created_by, retain_until)
          values (${e.municipalityId}, ${e.lastName}, 'a.txt', 'text/plain', 1, ${'a'.repeat(64)},
            ${'b'.repeat(64)}, 'sha256/aa/aa/x', ${e.id}, current_date + interval '11 years')`.execute(
          database.system,
        );
      }
      expect(await migrate(database)).toContain('0010');
      const rows = await database.system
        .selectFrom('documents')
        .select(['createdBy', 'orgUnitId', 'title'])
        .execute();
      expect(rows).toHaveLength(2);
      for (const e of uploaders) {
        expect(rows.find((r) => r.createdBy === e.id)).toMatchObject({
          orgUnitId: e.orgUnitId,
          title: e.lastName,
        });
        expect(e.orgUnitId).not.toBeNull();
      }
      // The guard against changing documents is back on.
      await expect(sql`update documents set title = 'x'`.execute(database.system)).rejects.toThrow(
        /не изменяются/,
      );
    } finally {
      await database.close();
    }
  }, 120_000);
});
