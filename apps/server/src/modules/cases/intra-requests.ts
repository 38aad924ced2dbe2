import type { IntraRequestList } from '@uslugi/contracts';
import { runQuery, type CommandContext } from '../../platform/commands.js';
import { termDueDates } from '../calendar/index.js';
import { serviceVersion } from '../catalog/index.js';
import { orgUnitNames } from '../org/index.js';
import { answersForUnit } from './answer-request.js';

/**
 * Intra-agency requests awaiting an answer from the employee's unit, the units above it that it works
 * within, or the units below it (the set `answerRequest` lets the employee answer for), oldest first.
 */
export function openIntraRequests(ctx: CommandContext, limit = 200): Promise<IntraRequestList> {
  return runQuery(ctx, async (tx) => {
    const rows = await tx
      .selectFrom('caseRequests as r')
      .innerJoin('cases as c', 'c.id', 'r.caseId')
      .select([
        'r.id',
        'r.caseId',
        'r.name',
        'r.question',
        'r.toUnitId',
        'r.status',
        'r.sentAt',
        'r.termId',
        'c.registrationNumber',
        'c.serviceVersionId',
      ])
      .where('r.kind', '=', 'intra')
      .where('r.status', 'in', ['pending', 'sent'])
      .where('c.status', '=', 'open')
      .where('r.toUnitId', 'in', answersForUnit(ctx.actor.id ?? ''))
      .orderBy('r.createdAt')
      .orderBy('r.id')
      .limit(limit)
      .execute();
    const units = await orgUnitNames(
      tx,
      rows.flatMap((r) => (r.toUnitId ? [r.toUnitId] : [])),
    );
    const dues = await termDueDates(
      tx,
      rows.map((r) => r.termId),
    );
    const services = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.serviceVersionId))) {
      services.set(id, (await serviceVersion(tx, id))?.definition.card.name ?? '');
    }
    return {
      items: rows.map((r) => ({
        id: r.id,
        caseId: r.caseId,
        registrationNumber: r.registrationNumber,
        serviceName: services.get(r.serviceVersionId) ?? '',
        name: r.name,
        question: r.question,
        toUnit: { id: r.toUnitId ?? '', name: units.get(r.toUnitId ?? '') ?? '' },
        status: r.status === 'pending' ? 'pending' : 'sent',
        sentAt: r.sentAt?.toISOString() ?? null,
        dueDate: r.termId ? (dues.get(r.termId)?.dueDate ?? null) : null,
      })),
    };
  });
}
