import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { formatSnils, snilsWithControl } from '@uslugi/contracts';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PIN, issueDemoCertificates } from '../src/demo/certificates.js';
import { createApplicantSession, createSession, hashToken } from '../src/modules/sessions/index.js';
import { APPLICANT_SESSION_COOKIE, SESSION_COOKIE } from '../src/platform/auth/context.js';
import { ROLES } from '../src/platform/auth/permissions.js';
import { InjectBrowser, signInThroughEmulator } from './esia-browser.js';
import { signInAs, testApp, type TestApp } from './harness.js';
import { b64, pkiOf } from './signatures-helpers.js';

/**
 * No 5xx on any input, as a property: whatever a client sends to whatever operation the
 * OpenAPI document describes — arbitrary strings (NUL, control characters, lone surrogates, unicode,
 * very long), odd dates, numbers out of range, wrong types, malformed JSON and URLs — the answer is never
 * a 5xx. Requests are shaped by each operation's own schema (so many pass validation and reach the
 * handler and the database) and mixed with arbitrary ones; they are sent as a staff member who holds
 * every permission, as an applicant, anonymously and with forged cookies.
 *
 * The operations are shared between two test files (request-fuzz-1/2.test.ts), so that the two test
 * workers run halves of the property side by side.
 *
 * FUZZ_RUNS (default 1000, the review's acceptance figure) requests per operation; FUZZ_SEED the seed,
 * printed on failure with fast-check's path and the (shrunk) request, so that FUZZ_ONLY (a part of
 * `METHOD /path`) with the same seed replays it. The run prints, per operation, how many requests were
 * sent, how many with a session, the time and the answers by status.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_522);
/** Only the operations whose `METHOD /path` contains this (to replay a failure). */
const ONLY = process.env.FUZZ_ONLY;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: Json[];
  const?: Json;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: Json;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
  /** The operation takes a multipart form (a file upload): fuzzed with multipart bodies too. */
  multipart: boolean;
  access: string;
}

type Who = 'staff' | 'applicant' | 'anonymous' | 'forged';

interface FuzzRequest {
  who: Who;
  csrf: 'right' | 'wrong' | 'none';
  path: Record<string, string>;
  /** Query pairs as sent (a key may repeat, a value may be malformed percent-encoding). */
  query: Array<[string, string]>;
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; type: string } | { kind: 'none' };
  ip: string;
}

// ---- values -------------------------------------------------------------------------------------------

const char = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
/** Characters a client can send: ASCII, controls, Cyrillic, any code point, halves of surrogate pairs. */
const unit = fc.oneof(
  { weight: 4, arbitrary: char(0x20, 0x7e) },
  { weight: 2, arbitrary: char(0x00, 0x1f) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\u007f', '\u0085', '\u009f', '\u200b', '\u202e', '\ufeff', '\uffff'),
  },
  { weight: 2, arbitrary: char(0x0400, 0x04ff) },
  { weight: 1, arbitrary: char(0xd800, 0xdfff) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '\u0001\u0002',
  '\t',
  '\r\n',
  '\u001f',
  '\u007f',
  '\ud800',
  'x\udfff',
  '😀',
  'Ёжик «в тумане»',
  "'; drop table employees; --",
  '\\',
  '../../etc/passwd',
  '{}',
  'null',
  'true',
  '0',
  '-1',
  '-0',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  '9'.repeat(40),
  '0x1F',
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '1900-01-01',
  '2024-02-29',
  '2023-02-29',
  '2026-13-01',
  '2100-12-31',
  '2101-01-01',
  '9999-12-31',
  '+020000-01-01',
  '2026-05-20T09:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123456',
  'x'.repeat(10_000),
  'Я'.repeat(30_000),
];
const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 4, arbitrary: fc.string({ unit, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit, minLength: 200, maxLength: 600 }) },
  { weight: 1, arbitrary: fc.uuid() },
);
const anyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e21, Number.MAX_VALUE, 0.5),
);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  anyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(anyString, { maxLength: 4 }),
);

/** Ids the database holds, filled in once the demo data is there: requests that name real objects. */
const known = { ids: [] as string[], municipalities: [] as string[], own: '' };
const someId = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known.ids) },
    { weight: 1, arbitrary: fc.constantFrom(...known.municipalities) },
    { weight: 1, arbitrary: fc.uuid() },
  );

const validSnils = fc
  .integer({ min: 1_002_000, max: 999_999_999 })
  .map((n) => snilsWithControl(String(n).padStart(9, '0')))
  .chain((digits) => fc.constantFrom(digits, formatSnils(digits)));

const BAD_CHARACTERS = ['\u0000', '\u0001', '\b', '\u001b', '\u001f', '\u007f', '\u0085', '\ud800', '\udc00'];
const withBadCharacter = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, fc.constantFrom(...BAD_CHARACTERS), fc.nat()).map(([text, bad, at]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + bad + text.slice(i);
  });

function stringFor(schema: JsonSchema, name: string): fc.Arbitrary<string> {
  const shaped: Array<fc.Arbitrary<string>> = [];
  if (schema.format === 'uuid') shaped.push(someId());
  else if (schema.format === 'date') {
    shaped.push(
      fc
        .date({ min: new Date('1850-01-01'), max: new Date('2250-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    );
  } else if (schema.format === 'email' || /email/i.test(name)) shaped.push(fc.emailAddress());
  else if (/snils/i.test(name)) shaped.push(validSnils);
  else if (/pin/i.test(name)) shaped.push(fc.constantFrom(DEMO_PIN, '000000', '654321'));
  else if (schema.pattern && !schema.format) {
    const pattern = (() => {
      try {
        return new RegExp(schema.pattern, 'u');
      } catch {
        return undefined;
      }
    })();
    if (pattern) shaped.push(fc.stringMatching(pattern).map((s) => s.slice(0, schema.maxLength ?? 200)));
  }
  if (shaped.length === 0) {
    shaped.push(fc.string({ unit: char(0x0410, 0x044f), minLength: schema.minLength ?? 0, maxLength: 30 }));
  }
  const valid = fc.oneof(...shaped);
  return fc.oneof(
    { weight: 5, arbitrary: valid },
    // Valid but for one character: only the check for control characters stands in the way.
    { weight: 2, arbitrary: withBadCharacter(valid) },
    { weight: 1, arbitrary: anyString },
  );
}

/** Values shaped by a JSON schema — mostly close to valid, with arbitrary ones mixed in at every level. */
function valueFor(schema: JsonSchema, name: string, depth = 0): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => valueFor(v, name, depth)));
  let shaped: fc.Arbitrary<unknown>;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.enum) shaped = fc.constantFrom(...schema.enum);
  else if (schema.const !== undefined) shaped = fc.constant(schema.const);
  else if (type === 'string') shaped = stringFor(schema, name);
  else if (type === 'integer' || type === 'number') {
    const min = schema.minimum ?? -1_000_000;
    const max = Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
    shaped = fc.oneof(
      fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }),
      anyNumber,
    );
  } else if (type === 'boolean') shaped = fc.boolean();
  else if (type === 'array') {
    shaped = fc.array(valueFor(schema.items ?? {}, name, depth + 1), {
      maxLength: (schema.maxItems ?? 4) + 1,
    });
  } else if (type === 'object' && depth < 4) shaped = objectFor(schema, depth + 1);
  else shaped = anyJson;
  const withNull = schema.nullable ? fc.oneof(shaped, fc.constant(null)) : shaped;
  return fc.oneof({ weight: 9, arbitrary: withNull }, { weight: 1, arbitrary: anyJson });
}

function objectFor(schema: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([key, property]) =>
    fc.record({
      key: fc.constant(key),
      // A required field is left out now and then, an optional one often.
      present: fc.noBias(fc.integer({ min: 0, max: 99 })).map((p) => p < (required.has(key) ? 95 : 60)),
      value: valueFor(property, key, depth),
    }),
  );
  const extra = fc.oneof(
    { weight: 9, arbitrary: fc.constant([] as Array<[string, unknown]>) },
    { weight: 1, arbitrary: fc.array(fc.tuple(anyString, anyJson), { maxLength: 2 }) },
  );
  return fc.tuple(fc.tuple(...fields), extra).map(([chosen, more]) => {
    const out: Record<string, unknown> = {};
    for (const f of chosen) if (f.present) out[f.key] = f.value;
    for (const [k, v] of more) out[k] = v;
    return out;
  });
}

const MALFORMED_QUERY = ['%', '%zz', '%E0%A4%A', '%FF%FE', '%C0%80', '%ED%A0%80', '%00%00'];

function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const path = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        fc.oneof(
          // The calendar answers only for the session's own municipality.
          { weight: p.name === 'municipalityId' ? 6 : 0, arbitrary: fc.constant(known.own) },
          { weight: 4, arbitrary: someId() },
          { weight: 1, arbitrary: anyString },
        ),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const queryValue = (p: Parameter) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: valueFor(p.schema, p.name).map((v) =>
          typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
        ),
      },
      { weight: 1, arbitrary: anyString },
    );
  const query = fc
    .tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          fc.tuple(
            fc.constant(p.required === true),
            fc.constant(p.name),
            fc.noBias(fc.integer({ min: 0, max: 99 })),
            fc.array(queryValue(p), { minLength: 1, maxLength: 2 }),
          ),
        ),
      ),
      fc.array(fc.tuple(anyString, anyString), { maxLength: 1 }),
    )
    .map(([params, extra]) => {
      const pairs: Array<[string, string]> = [];
      for (const [required, name, p, values] of params) {
        if (p < (required ? 5 : 45)) continue; // absent (percent)
        // Mostly one value; sometimes the key repeats (arrives as an array).
        for (const value of p < 95 ? values.slice(0, 1) : values) pairs.push([name, value]);
      }
      return [...pairs, ...extra];
    });
  const jsonBody = op.body
    ? fc.oneof({ weight: 8, arbitrary: valueFor(op.body, 'body') }, { weight: 1, arbitrary: anyJson })
    : anyJson;
  const other = fc.oneof(
    { weight: op.body ? 12 : 1, arbitrary: jsonBody.map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        text: fc.oneof(anyString, fc.constantFrom('{', '{"a":', '[1,', '{"title": "\\u0000"}', '"\\ud800"')),
        type: fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
        ),
      }),
    },
    { weight: op.body ? 1 : 6, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
  // A file upload: a form with any name and content (a recognised header or none), in the file field
  // or another, cut short or whole, before text fields or none.
  const upload = fc
    .record({
      name: anyString,
      content: fc.oneof(
        fc.constantFrom(
          '%PDF-1.4\n',
          '\u0089PNG\r\n\u001a\n',
          '<?xml version="1.0"?><a/>',
          'MZ',
          '',
          'PK\u0003\u0004',
        ),
        anyString,
      ),
      field: fc.constantFrom('file', 'file', 'title', 'x'),
      title: fc.option(anyString),
      whole: fc.boolean(),
    })
    .map(({ name, content, field, title, whole }) => ({
      kind: 'raw' as const,
      type: 'multipart/form-data; boundary=fuzz-boundary',
      text:
        (title === null
          ? ''
          : `--fuzz-boundary\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n`) +
        `--fuzz-boundary\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n` +
        `Content-Type: application/octet-stream\r\n\r\n${content}` +
        (whole ? '\r\n--fuzz-boundary--\r\n' : ''),
    }));
  const body = op.multipart
    ? fc.oneof({ weight: 1, arbitrary: other }, { weight: 3, arbitrary: upload })
    : other;
  // Who sends it. The request with the right session is the one that reaches validation and the handler,
  // and the costly one: the guard reads the session and the employee before validation (about 3 ms on
  // PGlite against 0.3 ms for a refusal). 35 % of each operation's requests carry it; the rest are sent
  // anonymously, with a forged cookie or with the other kind of session, and must be refused cleanly.
  const whoWeights: Record<string, Array<[number, Who]>> = {
    public: [
      [12, 'anonymous'],
      [3, 'staff'],
      [2, 'applicant'],
      [3, 'forged'],
    ],
    applicant: [
      [7, 'applicant'],
      [3, 'staff'],
      [6, 'anonymous'],
      [4, 'forged'],
    ],
    staff: [
      [7, 'staff'],
      [3, 'applicant'],
      [6, 'anonymous'],
      [4, 'forged'],
    ],
  };
  const weights = whoWeights[op.access === 'public' || op.access === 'applicant' ? op.access : 'staff'] ?? [];
  const who = fc.oneof(...weights.map(([weight, w]) => ({ weight, arbitrary: fc.constant(w) })));
  return fc.record({
    who,
    csrf: fc.oneof(
      { weight: 18, arbitrary: fc.constant('right' as const) },
      { weight: 1, arbitrary: fc.constant('wrong' as const) },
      { weight: 1, arbitrary: fc.constant('none' as const) },
    ),
    path,
    query,
    body,
    ip: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`),
  });
}

/**
 * Percent-encodes what a client can put in a URL. A lone surrogate is no character and has no UTF-8:
 * it goes as the bytes a careless client sends for it (WTF-8, e.g. `%ED%A0%80`), invalid UTF-8.
 */
function encodeAny(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(c);
  }
  return out;
}

/** A failing request, short enough to read: long strings cut, invisible characters escaped. */
function describeRequest(request: FuzzRequest): string {
  return JSON.stringify(request, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 80 ? `${value.slice(0, 80)}…(${value.length})` : value,
  );
}

const SESSION_ENDING = new Set([
  'POST /api/v1/auth/sign-out',
  'POST /api/v1/auth/sessions/{id}/end',
  'POST /api/v1/portal/auth/sign-out',
  'POST /api/v1/portal/sessions/{id}/end',
]);

// ---- the run --------------------------------------------------------------------------------------------

/** Defines the property's test for one part of the operations (sorted by `METHOD /path`, dealt in turn). */
export function describeRequestFuzz(part: number, parts: number): void {
  describe(`no request, however malformed, gets a 5xx (property over the OpenAPI document, part ${part + 1} of ${parts})`, () => {
    let t: TestApp;
    let allOperations: Operation[];
    let operations: Operation[];
    /** What the server logged at warn or above: safety-net hits and unexpected errors. */
    const logged: Array<{ level: number; msg: string; pgCode?: string }> = [];
    const staff = { employeeId: '', municipalityId: '', token: '', csrf: '' };
    const applicant = { applicantId: '', municipalityId: '', token: '', csrf: '' };

    /** A staff session of the fuzzing employee made directly (as the sign-in makes it). */
    async function staffSession() {
      // The СНИЛС ESIA would report for this employee: the session's own, as a sign-in keeps it.
      const { snils } = await t.database.system
        .selectFrom('employees')
        .select('snils')
        .where('id', '=', staff.employeeId)
        .executeTakeFirstOrThrow();
      const { token, csrfToken } = await createSession(t.database, {
        municipalityId: staff.municipalityId,
        employeeId: staff.employeeId,
        esiaSnils: snils,
        ip: '10.0.0.1',
        userAgent: 'fuzz',
      });
      const row = await t.database.system
        .selectFrom('sessions')
        .select('id')
        .where('tokenHash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      return { token, csrf: csrfToken, id: row.id };
    }

    async function applicantSession() {
      const made = await createApplicantSession(t.database, {
        applicantId: applicant.applicantId,
        legalEntityId: null,
        municipalityId: applicant.municipalityId,
        ip: '10.0.0.1',
        userAgent: 'fuzz',
      });
      return { token: made.token, csrf: made.csrfToken, id: made.sessionId };
    }

    /** Requests of earlier operations may have ended, blocked or stripped the fuzzing staff member. */
    async function restoreIdentities() {
      await t.database.system
        .updateTable('employees')
        .set({ blockedAt: null, blockedReason: null })
        .where('id', '=', staff.employeeId)
        .execute();
      await t.database.system
        .insertInto('employeeRoles')
        .values(
          ROLES.map((role) => ({ municipalityId: staff.municipalityId, employeeId: staff.employeeId, role })),
        )
        .onConflict((oc) => oc.columns(['employeeId', 'role']).doNothing())
        .execute();
      Object.assign(staff, await staffSession());
      if (applicant.applicantId) Object.assign(applicant, await applicantSession());
    }

    beforeAll(async () => {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n')) {
            if (!line) continue;
            const entry = JSON.parse(line) as { level: number; msg: string; pgCode?: string };
            logged.push({
              level: entry.level,
              msg: entry.msg,
              ...(entry.pgCode && { pgCode: entry.pgCode }),
            });
          }
          done();
        },
      });
      t = await testApp(
        // Sign-in endpoints are limited per address; each request comes from its own address anyway.
        { signInRateLimit: 1_000_000 },
        undefined,
        { logger: pino({ level: 'warn' }, sink) },
      );
      // The fuzzing staff member holds every role, hence every permission; certificates for signing.
      const operator = await signInAs(t, 'Хасанова');
      staff.employeeId = operator.employeeId;
      staff.municipalityId = operator.municipalityId;
      await issueDemoCertificates(t.database, pkiOf(t), { lastNames: ['Хасанова', 'Галиева'] });
      await restoreIdentities();
      const browser = new InjectBrowser(t.app);
      await signInThroughEmulator(
        browser,
        `/api/v1/portal/auth/esia?municipalityId=${staff.municipalityId}`,
        'Морозов ',
      );
      const portal = await t.database.system
        .selectFrom('applicantSessions')
        .select(['applicantId', 'municipalityId'])
        .executeTakeFirstOrThrow();
      applicant.applicantId = portal.applicantId;
      applicant.municipalityId = portal.municipalityId;
      await restoreIdentities();

      // Objects to name: a document with a signature, a local day, and whatever the demo data holds.
      const as = (method: 'POST', url: string, payload: unknown) =>
        t.app.inject({
          method,
          url,
          payload: payload as object,
          cookies: { [SESSION_COOKIE]: staff.token },
          headers: { 'x-csrf-token': staff.csrf },
        });
      const document = (
        await as('POST', '/api/v1/documents', { title: 'Проверка', fileName: 'a.txt', content: b64('a') })
      ).json<{ id: string }>();
      await as('POST', `/api/v1/documents/${document.id}/signatures`, { pin: DEMO_PIN });
      await as('POST', `/api/v1/calendars/${staff.municipalityId}/local-days`, {
        date: '2026-09-01',
        kind: 'dayoff',
        title: 'День',
      });
      const db = t.database.system;
      const ids = async (
        table:
          | 'employees'
          | 'orgUnits'
          | 'positions'
          | 'signingCertificates'
          | 'pkiTrustedRoots'
          | 'documents'
          | 'documentSignatures'
          | 'calendarLocalDays',
      ) => (await db.selectFrom(table).select('id').execute()).map((r) => r.id);
      known.municipalities = (await db.selectFrom('municipalities').select('id').execute()).map((r) => r.id);
      known.own = staff.municipalityId;
      known.ids = [
        ...(await ids('employees')).filter((id) => id !== staff.employeeId),
        ...(await ids('orgUnits')),
        ...(await ids('positions')),
        ...(await ids('signingCertificates')),
        ...(await ids('pkiTrustedRoots')),
        ...(await ids('documents')),
        ...(await ids('documentSignatures')),
        ...(await ids('calendarLocalDays')),
      ];

      const document_ = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
        paths: Record<
          string,
          Record<
            string,
            { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }
          >
        >;
      }>();
      const accessOf = new Map(t.routes.map((r) => [`${r.method} ${r.url}`, String(r.access)]));
      allOperations = [];
      for (const [path, methods] of Object.entries(document_.paths)) {
        for (const [method, spec] of Object.entries(methods)) {
          const upper = method.toUpperCase() as Operation['method'];
          allOperations.push({
            method: upper,
            path,
            parameters: spec.parameters ?? [],
            body: spec.requestBody?.content?.['application/json']?.schema,
            multipart: Boolean(spec.requestBody?.content?.['multipart/form-data']),
            access: accessOf.get(`${upper} ${path.replace(/\{(\w+)\}/g, ':$1')}`) ?? 'unknown',
          });
        }
      }
      allOperations.sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
      operations = allOperations.filter((_, i) => i % parts === part);
    }, 120_000);
    afterAll(() => t.close());

    async function send(op: Operation, request: FuzzRequest, sessionEnding: boolean) {
      let staffCookie = staff;
      let portalCookie = applicant;
      const path = { ...request.path };
      const ownKind = op.path.startsWith('/api/v1/portal') ? 'applicant' : 'staff';
      if (sessionEnding && request.who === ownKind) {
        // Each request ends a session of its own; the id is its own, a sibling's or arbitrary.
        const [own, sibling] = op.path.startsWith('/api/v1/portal')
          ? [await applicantSession(), await applicantSession()]
          : [await staffSession(), await staffSession()];
        if (op.path.startsWith('/api/v1/portal')) portalCookie = { ...applicant, ...own };
        else staffCookie = { ...staff, ...own };
        if ('id' in path && request.path.id?.length === 36 && known.ids.includes(request.path.id)) {
          path.id = request.ip.endsWith('1') ? own.id : sibling.id;
        }
      }
      const url =
        op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeAny(path[name] ?? '')) +
        (request.query.length
          ? `?${request.query
              .map(([k, v]) =>
                MALFORMED_QUERY.includes(v) ? `${encodeAny(k)}=${v}` : `${encodeAny(k)}=${encodeAny(v)}`,
              )
              .join('&')}`
          : '');
      const cookies: Record<string, string> = {};
      let csrf = '';
      if (request.who === 'staff') {
        cookies[SESSION_COOKIE] = staffCookie.token;
        csrf = staffCookie.csrf;
      } else if (request.who === 'applicant') {
        cookies[APPLICANT_SESSION_COOKIE] = portalCookie.token;
        csrf = portalCookie.csrf;
      } else if (request.who === 'forged') {
        cookies[SESSION_COOKIE] = randomBytes(32).toString('base64url');
        // Any text as a portal token (a cookie carries no lone surrogate: it is sent encoded as UTF-8).
        cookies[APPLICANT_SESSION_COOKIE] =
          `${(request.path.id ?? '').replace(/[\ud800-\udfff]/g, '')}\u0000`;
      }
      const headers: Record<string, string> = {};
      if (request.csrf === 'right' && csrf) headers['x-csrf-token'] = csrf;
      if (request.csrf === 'wrong') headers['x-csrf-token'] = 'x';
      let payload: string | undefined;
      if (request.body.kind === 'json' && op.method !== 'GET') {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(request.body.value) ?? 'null';
      } else if (request.body.kind === 'raw' && op.method !== 'GET') {
        headers['content-type'] = request.body.type;
        payload = request.body.text;
      }
      return t.app.inject({
        method: op.method,
        url,
        cookies,
        headers,
        remoteAddress: request.ip,
        ...(payload === undefined ? {} : { payload }),
      });
    }

    it(`answers ${RUNS} requests per operation without a 5xx`, async () => {
      expect(allOperations.length).toBeGreaterThan(50);
      expect(allOperations.filter((op) => op.access === 'unknown')).toEqual([]);
      const failures: string[] = [];
      const figures: string[] = [];
      let total = 0;
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      // Operations that end the session run last, so a slip in their setup cannot starve the others.
      const ordered = [...operations].sort(
        (a, b) =>
          Number(SESSION_ENDING.has(`${a.method} ${a.path}`)) -
          Number(SESSION_ENDING.has(`${b.method} ${b.path}`)),
      );
      for (const op of ordered) {
        const name = `${op.method} ${op.path}`;
        if (ONLY && !name.includes(ONLY)) continue;
        await restoreIdentities();
        const sessionEnding = SESSION_ENDING.has(name);
        // The session that reaches this operation's validation and handler (public: a staff one too).
        const ownSession = op.access === 'applicant' ? 'applicant' : 'staff';
        const statuses = new Map<number, number>();
        const opStarted = performance.now();
        let sent = 0;
        let withSession = 0;
        try {
          await fc.assert(
            fc.asyncProperty(requestFor(op), async (request) => {
              const res = await send(op, request, sessionEnding);
              sent++;
              if (request.who === ownSession) withSession++;
              statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
              if (res.statusCode >= 500) {
                throw new Error(`${res.statusCode} ${res.body.slice(0, 300)} ${describeRequest(request)}`);
              }
              if (res.statusCode >= 400) {
                // A refusal is the one error shape with a Russian message.
                const body = res.json<{ code?: string; message?: string }>();
                if (!body.code || !/[а-яё]/i.test(body.message ?? ''))
                  throw new Error(`bad refusal ${res.body.slice(0, 300)}`);
              }
            }),
            { numRuns: RUNS, seed: SEED },
          );
        } catch (error) {
          // fast-check's report: the seed and path to replay, then the (shrunk) failing request's answer.
          const report = (error as Error).message;
          const replay = /\{ seed: .*\}/.exec(report)?.[0] ?? '';
          const cause = (error as Error).cause as Error | undefined;
          failures.push(`${name}: ${replay} → ${cause?.message ?? report.slice(0, 600)}`);
        }
        total += sent;
        const seconds = (performance.now() - opStarted) / 1000;
        const byStatus = [...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ');
        figures.push(
          `${name}: ${sent} requests (${withSession} with its session), ${seconds.toFixed(1)} s: ${byStatus}`,
        );
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuStarted);
      console.log(
        [
          `request fuzz part ${part + 1}/${parts} (seed ${SEED}, engine ${t.database.engine}): ${operations.length} of ${allOperations.length} operations, ${total} requests, ${seconds.toFixed(1)} s (CPU of this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`,
          ...figures,
        ].join('\n'),
      );
      expect(failures).toEqual([]);
      if (!ONLY) expect(total).toBeGreaterThanOrEqual(operations.length * RUNS);
      // The schemas refuse what the database cannot take: the error handler's safety net stays unused,
      // and nothing was logged as an error.
      expect(logged.filter((l) => l.level >= 50 || l.msg.startsWith('database refused a value'))).toEqual([]);
    }, 1_800_000);
  });
}
