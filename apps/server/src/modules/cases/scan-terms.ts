import { sql } from 'kysely';
import type { Database, Tx } from '../../db/database.js';
import { runCommand, type CommandScope } from '../../platform/commands.js';
import { formatDaysLeft } from '../../platform/calendar/index.js';
import { SYSTEM_ACTOR } from '../../platform/journal/append.js';
import { formatRuDate, municipalCalendar, termsFallingDue, type Term } from '../calendar/index.js';
import { notify, queueMail } from '../notifications/index.js';
import { employeeEmails } from '../org/index.js';
import { caseSettingsIn } from './case-settings.js';
import { CASE_TERM_TYPES, casesOfTerms, type TermCase } from './term-recipients.js';

/**
 * A transaction that began before a scan and committed after it wrote terms the scan could not see,
 * with created/updated stamps older than the scan: the next scan looks back this far past the mark.
 */
const LATE_COMMIT_MARGIN_MS = 60 * 60 * 1000;

export interface ScanOutcome {
  warnings: number;
  violations: number;
  /** Another scan of the municipality was running: this one did nothing (that one covers it). */
  skipped?: boolean;
}

/**
 * The advisory lock of one municipality's term control, held to the end of the transaction: by a scan
 * (tried, see scanMunicipalityTerms) and by the report of a failed one (waited for, term-scan-job.ts).
 */
export async function lockTermScan(tx: Tx, municipalityId: string, wait: boolean): Promise<boolean> {
  const key = `uslugi.term-scan|${municipalityId}`;
  if (wait) {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
    return true;
  }
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtext(${key})) as locked`.execute(tx);
  return rows[0]?.locked === true;
}

type AlertKind = 'warning' | 'violation';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const later = (a: string | undefined, b: string) => (a !== undefined && a > b ? a : b);

/**
 * Term control of one municipality (004 items 10, 11), in its own transaction as the system: terms
 * that ran out before `today` are violations, terms with at most N working days left (N from the
 * settings, 0 — due today) are warnings. Each is alerted once: the alert row (UNIQUE (term_id,
 * kind)), the journal entry and the notifications commit together, so a second scan, or a parallel
 * one, adds nothing. A warning tells the term's executor; a violation tells the executor and the head
 * of the case's unit (or of the nearest unit above with a head). With `mail`, each of them who has an
 * e-mail address gets the same by e-mail through the outbox.
 *
 * Incremental: term_scan_marks keeps the last due date read for each kind, so a scan reads only the
 * due dates passed since the previous one plus the terms created or recomputed since it (see
 * termsFallingDue) — bounded by the new work, not by the million open terms.
 */
export async function scanMunicipalityTerms(
  database: Database,
  input: { municipalityId: string; today: string; now: Date; mail: boolean },
): Promise<ScanOutcome> {
  const { municipalityId, today } = input;
  return runCommand({ database, municipalityId, actor: SYSTEM_ACTOR }, async (scope) => {
    const { tx } = scope;
    // One scan of a municipality at a time, whichever worker runs it: a scan still running when the
    // next recurring run (or a retry job) reaches the municipality, on this worker or another, makes
    // that one skip it rather than queue behind it; the next run picks up whatever fell due meanwhile.
    // Even without the lock no term is alerted twice (the alert row is UNIQUE (term_id, kind) and the
    // notices are sent only for rows this transaction inserted), but two scans of a municipality
    // with no mark yet would both read every term and wait on each other's alert rows.
    if (!(await lockTermScan(tx, municipalityId, false)))
      return { warnings: 0, violations: 0, skipped: true };
    const mark = await tx.selectFrom('termScanMarks').selectAll().forUpdate().executeTakeFirst();
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(tx);
    const scannedAt = rows[0]!.now;
    const changedSince = mark ? new Date(mark.scannedAt.getTime() - LATE_COMMIT_MARGIN_MS) : null;
    const { warnWorkingDays } = await caseSettingsIn(tx);
    const { calendar } = await municipalCalendar(tx, municipalityId);
    // The last date still within N working days: the day before the (N+1)-th working day after today
    // (days off right before it have N working days left too, as TermStanding counts them).
    const warnThrough = addDays(calendar.addWorkingDays(today, warnWorkingDays + 1), -1);
    const violationsThrough = addDays(today, -1);

    const overdue = await termsFallingDue(tx, {
      objectTypes: CASE_TERM_TYPES,
      after: mark?.violationsThrough ?? null,
      through: violationsThrough,
      notBefore: null,
      changedSince,
    });
    const dueSoon = await termsFallingDue(tx, {
      objectTypes: CASE_TERM_TYPES,
      after: mark?.warningsThrough ?? null,
      through: warnThrough,
      notBefore: today,
      changedSince,
    });
    const at = { municipalityId, now: input.now };
    const violations = await alertOnce(scope, at, 'violation', overdue);
    const warnings = await alertOnce(scope, at, 'warning', dueSoon);
    const cases = await casesOfTerms(tx, [...violations, ...warnings]);
    const emails = input.mail
      ? await employeeEmails(
          tx,
          [...cases.values()].flatMap((c) => [c.executorId, c.headId]).filter((id) => id !== null),
        )
      : new Map<string, string>();
    const tell = { scope, municipalityId, cases, emails, mail: input.mail };
    for (const term of violations) await tellAlert(tell, 'violation', term, today, calendar);
    for (const term of warnings) await tellAlert(tell, 'warning', term, today, calendar);

    const next = {
      violationsThrough: later(mark?.violationsThrough, violationsThrough),
      warningsThrough: later(mark?.warningsThrough, warnThrough),
      scannedAt,
    };
    await tx
      .insertInto('termScanMarks')
      .values({ municipalityId, ...next })
      .onConflict((oc) => oc.column('municipalityId').doUpdateSet(next))
      .execute();
    return { warnings: warnings.length, violations: violations.length };
  });
}

/** Records the alerts not recorded yet; returns the terms newly alerted (the rest were told before). */
async function alertOnce(
  { tx }: CommandScope,
  { municipalityId, now }: { municipalityId: string; now: Date },
  kind: AlertKind,
  terms: readonly Term[],
): Promise<Term[]> {
  const unique = [...new Map(terms.map((t) => [t.id, t])).values()];
  if (unique.length === 0) return [];
  const inserted = await tx
    .insertInto('termAlerts')
    .values(
      unique.map((t) => ({
        municipalityId,
        termId: t.id,
        kind,
        objectType: t.objectType,
        objectId: t.objectId,
        dueDate: t.dueDate,
        // When it was told, on the clock "today" comes from (the dashboard's violations by day).
        createdAt: now,
      })),
    )
    .onConflict((oc) => oc.columns(['termId', 'kind']).doNothing())
    .returning('termId')
    .execute();
  const fresh = new Set(inserted.map((r) => r.termId));
  return unique.filter((t) => fresh.has(t.id));
}

interface Teller {
  scope: CommandScope;
  municipalityId: string;
  cases: Map<string, TermCase>;
  emails: Map<string, string>;
  mail: boolean;
}

type Calendar = Awaited<ReturnType<typeof municipalCalendar>>['calendar'];

async function tellAlert(
  { scope, municipalityId, cases, emails, mail }: Teller,
  kind: AlertKind,
  term: Term,
  today: string,
  calendar: Calendar,
): Promise<void> {
  const found = cases.get(term.id);
  const executorId = term.executorId ?? found?.executorId ?? null;
  const recipients = new Set<string>();
  if (executorId) recipients.add(executorId);
  if (kind === 'violation' && found?.headId) recipients.add(found.headId);
  const left = formatDaysLeft(calendar.workingDaysLeft(today, term.dueDate));
  const due = formatRuDate(term.dueDate);
  const text =
    kind === 'violation'
      ? `Нарушен срок «${term.title}»: он истёк ${due} (${left}).`
      : `Срок «${term.title}» истекает ${due} (${left}).`;
  const subject = kind === 'violation' ? `Нарушен срок: ${term.title}` : `Срок истекает: ${term.title}`;
  const objectType = found ? 'case' : term.objectType;
  const objectId = found?.caseId ?? term.objectId;
  await scope.journal({
    action: kind === 'violation' ? 'term.violated' : 'term.warning',
    objectType,
    objectId,
    payload: {
      termId: term.id,
      title: term.title,
      termObjectType: term.objectType,
      dueDate: term.dueDate,
      today,
      told: [...recipients],
    },
  });
  for (const recipientId of recipients) {
    await notify(scope.tx, { municipalityId, recipientId, text, objectType, objectId });
    const address = mail ? emails.get(recipientId) : undefined;
    if (address) {
      const where = found ? `\n\nДело по заявлению № ${found.registrationNumber}.` : '';
      await queueMail(scope.tx, {
        municipalityId,
        recipient: address,
        subject,
        body: `${text}${where}\n\nЭто письмо отправлено автоматически системой предоставления услуг.`,
        objectType,
        objectId,
      });
    }
  }
}
