import type { SmevMessageView, SmevMonitoringRow } from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import { municipalCalendar } from '../calendar/index.js';
import { referenceLookup } from '../reference/index.js';

/**
 * Requests per agency and kind for the municipality (000 item 2.9, 004 item 11): how many wait, how
 * many are past their answer term, refused, failed, and the mean answer time in working days of the
 * municipality's calendar (from the day the request was made to the day the answer came).
 */
export async function smevMonitoring(
  tx: Tx,
  municipalityId: string,
  clock: Clock,
): Promise<SmevMonitoringRow[]> {
  const today = todayOf(clock);
  const rows = await tx
    .selectFrom('smevRequests')
    .select(['agency', 'requestKind', 'status', 'dueDate', 'createdAt', 'answeredAt'])
    .execute();
  const { calendar } = await municipalCalendar(tx, municipalityId);
  const lookup = await referenceLookup(tx);
  const groups = new Map<string, SmevMonitoringRow & { days: number[] }>();
  for (const r of rows) {
    const key = `${r.agency}\u0000${r.requestKind}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        agency: r.agency,
        agencyName: lookup.name('agencies', r.agency) ?? r.agency,
        requestKind: r.requestKind,
        requestKindName: lookup.name('smev_request_kinds', r.requestKind) ?? r.requestKind,
        total: 0,
        queued: 0,
        waiting: 0,
        overdue: 0,
        answered: 0,
        rejected: 0,
        failed: 0,
        averageAnswerDays: null,
        days: [],
      };
      groups.set(key, g);
    }
    g.total++;
    const open = r.status === 'queued' || r.status === 'sent';
    if (open && r.dueDate !== null && r.dueDate < today) g.overdue++;
    else if (r.status === 'sent') g.waiting++;
    else if (r.status === 'queued') g.queued++;
    else g[r.status]++;
    if (r.status === 'answered' && r.answeredAt) {
      g.days.push(
        calendar.countWorkingDays(
          todayOf(() => r.createdAt),
          todayOf(() => r.answeredAt as Date),
        ),
      );
    }
  }
  return [...groups.values()]
    .map(({ days, ...row }) => ({
      ...row,
      averageAnswerDays:
        days.length > 0 ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
    }))
    .sort(
      (a, b) =>
        a.agencyName.localeCompare(b.agencyName, 'ru') ||
        a.requestKindName.localeCompare(b.requestKindName, 'ru'),
    );
}

/** The message log, newest first: by our MessageID or the answer's, or by the application's number. */
export async function smevMessages(
  tx: Tx,
  query: { messageId?: string | undefined; caseNumber?: string | undefined; limit: number },
): Promise<SmevMessageView[]> {
  let q = tx
    .selectFrom('smevMessages as m')
    .leftJoin('smevRequests as r', 'r.id', 'm.smevRequestId')
    .select([
      'm.id',
      'm.at',
      'm.direction',
      'm.operation',
      'm.messageId',
      'm.httpStatus',
      'm.sha256',
      'm.sizeBytes',
      'm.signatureValid',
      'm.signatureReason',
      'm.faultCode',
      'r.messageId as requestMessageId',
      'r.caseId',
      'r.registrationNumber',
      'r.requestKind',
    ])
    .orderBy('m.at', 'desc')
    .orderBy('m.id')
    .limit(query.limit);
  if (query.messageId) {
    const like = `${query.messageId}%`;
    q = q.where((eb) => eb.or([eb('m.messageId', 'like', like), eb('r.messageId', 'like', like)]));
  }
  if (query.caseNumber) q = q.where('r.registrationNumber', '=', query.caseNumber);
  const rows = await q.execute();
  const lookup = await referenceLookup(tx);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    direction: r.direction,
    directionTitle: r.direction === 'out' ? 'Отправлено в СМЭВ' : 'Получено из СМЭВ',
    operation: r.operation,
    messageId: r.messageId,
    requestMessageId: r.requestMessageId,
    caseId: r.caseId,
    registrationNumber: r.registrationNumber,
    requestKindName: r.requestKind
      ? (lookup.name('smev_request_kinds', r.requestKind) ?? r.requestKind)
      : null,
    httpStatus: r.httpStatus,
    sha256: r.sha256,
    sizeBytes: r.sizeBytes,
    signatureValid: r.signatureValid,
    signatureReason: r.signatureReason,
    faultCode: r.faultCode,
  }));
}

/** One stored envelope's bytes' key, for the download. */
export async function smevMessageFile(tx: Tx, id: string) {
  return tx
    .selectFrom('smevMessages')
    .select(['storageKey', 'direction', 'operation', 'messageId', 'at', 'contentType'])
    .where('id', '=', id)
    .executeTakeFirst();
}
