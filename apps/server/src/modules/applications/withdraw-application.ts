import { APPLICATION_STATUS_INFO } from '@uslugi/contracts';
import type { ApplicantAuthContext } from '../../platform/auth/context.js';
import { runCommand, type CommandContext } from '../../platform/commands.js';
import { AppError, notFound } from '../../platform/errors.js';
import { caseTermOf, withdrawCase } from '../cases/index.js';
import { setApplicationStatus } from './case-progress.js';
import { ownRows } from './portal-view.js';

export interface WithdrawnApplication {
  applicationId: string;
  caseId: string | null;
}

/**
 * The applicant withdraws their application (000 item 3.3) before a decision on it is signed: a
 * submitted one that is not yet accepted, or an accepted one whose case then closes as withdrawn
 * (cases' `withdrawCase`). The application is locked first, so an employee's acceptance at the same
 * moment waits and then finds it withdrawn. After the signature it is too late (409
 * `withdrawal_too_late`); a draft is deleted, not withdrawn.
 */
export function withdrawApplication(
  ctx: CommandContext,
  auth: ApplicantAuthContext,
  input: { applicationId: string; reason: string | null; at: Date },
): Promise<WithdrawnApplication> {
  return runCommand(ctx, async (scope) => {
    const { tx, journal } = scope;
    const [row] = await ownRows(tx, auth, input.applicationId, true);
    if (!row) throw notFound(`application ${input.applicationId}`);
    if (row.status === 'draft') throw new AppError('wrong_state', `application ${row.id} is a draft`);
    if (APPLICATION_STATUS_INFO[row.status].final) {
      throw new AppError('withdrawal_too_late', `application ${row.id} is ${row.status}`);
    }
    const caseId = row.caseId ?? (await caseTermOf(tx, row.id))?.caseId ?? null;
    if (caseId) await withdrawCase(scope, { caseId, at: input.at, reason: input.reason });
    await setApplicationStatus(tx, {
      municipalityId: auth.municipalityId,
      applicationId: row.id,
      status: 'withdrawn',
      comment: input.reason,
      employeeId: null,
      at: input.at,
    });
    await journal({
      action: 'application.withdrawn',
      objectType: 'application',
      objectId: row.id,
      payload: {
        registrationNumber: row.registrationNumber,
        channel: row.channel,
        previousStatus: row.status,
        caseId,
        reason: input.reason,
      },
    });
    return { applicationId: row.id, caseId };
  });
}
