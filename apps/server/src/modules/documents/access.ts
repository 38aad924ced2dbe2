import { type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CommandContext } from '../../platform/commands.js';
import { AppError } from '../../platform/errors.js';
import type { DB, DocumentsTable, Role } from '../../db/schema.js';
import { ownUnitAndBelow } from '../org/index.js';

/** Who asks for documents: an employee and the roles the session resolved for this request. */
export interface DocumentViewer {
  employeeId: string;
  roles: readonly Role[];
}

export function documentViewer(ctx: CommandContext): DocumentViewer {
  if (ctx.actor.type !== 'employee' || !ctx.actor.id) {
    throw new AppError('forbidden', 'only an employee works with documents');
  }
  return { employeeId: ctx.actor.id, roles: ctx.roles ?? [] };
}

/** A query over `documents as d` (alone or joined with other tables). */
type OverDocuments = ExpressionBuilder<DB & { d: DocumentsTable }, 'd'>;

/**
 * Which documents a viewer may see: the one rule every document route and use case applies (the
 * list, the card with its signatures, the file, a signature's file, signing). A document outside it
 * is «не найден» (404), exactly like another municipality's. Access by fixed rules, each person seeing only
 * what their work needs (152-ФЗ ст. 19 ч. 2 п. 8; приказ ФСТЭК России № 21, меры УПД.2, УПД.5):
 *
 * - tenant: the query runs in the viewer's tenant transaction, so row-level security hides every other
 *   municipality's documents before this rule is even read;
 * - ownership: an employee sees the documents they uploaded;
 * - role: a head (`head`) sees the documents of their own unit and of every unit below it;
 * - cases (not in the system yet): the participants of a document's case, see below.
 *
 * Nobody else in the municipality sees a document: operators and technical operators do not even hold
 * `documents.read`.
 */
export function documentAccess(viewer: DocumentViewer) {
  return (eb: OverDocuments): Expression<SqlBool> => {
    const grants: Expression<SqlBool>[] = [eb('d.createdBy', '=', viewer.employeeId)];
    if (viewer.roles.includes('head')) {
      grants.push(eb('d.orgUnitId', 'in', ownUnitAndBelow(viewer.employeeId)));
    }
    // Cases go here when they exist: staff see what their case work needs, so a document that belongs
    // to a case (a `case_id` on documents) is seen by that case's participants, as one more grant:
    // an EXISTS over the case's participants naming the viewer.
    return eb.or(grants);
  };
}
