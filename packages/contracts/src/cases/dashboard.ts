import { z } from 'zod';
import { CaseListItemSchema } from './worklists.js';

/**
 * A head's dashboard (004 items 6, 7, 10, 11): the terms of the unit's open stages, the overdue cases,
 * each employee's load, and the late data entries of item 7. The leadership's view is the same figures
 * across every unit of the municipality.
 */

export const StageTermsRowSchema = z.object({
  serviceName: z.string(),
  stageKey: z.string(),
  stageName: z.string(),
  open: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
});

export const EmployeeLoadSchema = z.object({
  employeeId: z.string(),
  name: z.string(),
  open: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
  closedLast30Days: z.number().int(),
});

export const LateEntryRowSchema = z.object({
  kind: z.enum(['application', 'consultation']),
  id: z.string(),
  title: z.string(),
  employee: z.string(),
  occurredAt: z.string(),
  enteredAt: z.string(),
});

export const HeadDashboardSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  totals: z.object({
    open: z.number().int(),
    unassigned: z.number().int(),
    dueSoon: z.number().int(),
    overdue: z.number().int(),
    closedLast30Days: z.number().int(),
    closedOnTimeLast30Days: z.number().int(),
  }),
  stageTerms: z.array(StageTermsRowSchema),
  overdueCases: z.array(CaseListItemSchema),
  load: z.array(EmployeeLoadSchema),
  lateEntries: z.array(LateEntryRowSchema),
  /** Term violations told in the last 30 days, by day (`YYYY-MM-DD` → count), for the chart. */
  violationsByDay: z.array(z.object({ date: z.string(), count: z.number().int() })),
});
export type HeadDashboard = z.infer<typeof HeadDashboardSchema>;

export const UnitSummaryRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  open: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
  closedLast30Days: z.number().int(),
  closedOnTimeLast30Days: z.number().int(),
});

/** The municipality's leadership: every unit's figures. */
export const SupervisionSchema = z.object({
  units: z.array(UnitSummaryRowSchema),
  totals: UnitSummaryRowSchema.omit({ unitId: true, unitName: true }),
});
export type Supervision = z.infer<typeof SupervisionSchema>;
