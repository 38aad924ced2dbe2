import type { TermRule } from '@uslugi/contracts';

// API types for the web shell. Kept in one file so they can be swapped for the zod-inferred types
// from packages/contracts once the server publishes them there.

export type Role = 'employee' | 'head' | 'approver' | 'operator' | 'tech_operator';

export const ALL_ROLES: readonly Role[] = ['employee', 'head', 'approver', 'operator', 'tech_operator'];

export type Permission =
  | 'admin.access'
  | 'arm.access'
  | 'org.read'
  | 'org.manage'
  | 'employees.read'
  | 'employees.manage'
  | 'roles.assign'
  | 'journal.read'
  | 'calendar.manage'
  | 'documents.read'
  | 'documents.manage'
  | 'documents.sign'
  | 'pki.read'
  | 'pki.manage';

export interface FieldError {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  requestId: string;
  fields?: FieldError[];
}

export interface SessionUser {
  id: string;
  fullName: string;
  municipality: { id: string; name: string };
  orgUnitName: string | null;
  positionName: string | null;
  roles: Role[];
  // Unknown permissions may appear as the server grows; the UI checks only the ones it knows.
  permissions: string[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface OrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  headEmployeeId: string | null;
  headName: string | null;
}

export interface CreateOrgUnitInput {
  name: string;
  shortName?: string;
  parentId?: string;
  headEmployeeId?: string;
}

export interface UpdateOrgUnitInput {
  name?: string;
  shortName?: string | null;
  parentId?: string | null;
  headEmployeeId?: string | null;
}

export interface Position {
  id: string;
  name: string;
}

export interface Employee {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  fullName: string;
  /** Formatted as "XXX-XXX-XXX YY". */
  snils: string;
  email: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
  positionId: string | null;
  positionName: string | null;
  roles: Role[];
  blocked: boolean;
  blockedReason: string | null;
}

export interface CreateEmployeeInput {
  lastName: string;
  firstName: string;
  middleName?: string;
  snils: string;
  email: string;
  orgUnitId?: string;
  positionId?: string;
  roles?: Role[];
}

export interface UpdateEmployeeInput {
  lastName?: string;
  firstName?: string;
  middleName?: string | null;
  snils?: string;
  email?: string;
  orgUnitId?: string | null;
  positionId?: string | null;
}

export type { JournalObjectTypeOption } from '@uslugi/contracts';

export interface JournalEntry {
  id: string;
  recordedAt: string;
  actorId: string | null;
  actorName: string;
  action: string;
  actionTitle: string;
  objectType: string;
  objectTypeTitle: string;
  objectId: string;
  payload: Record<string, unknown>;
  hash: string;
}

export interface JournalPage {
  items: JournalEntry[];
  nextBefore: string | null;
}

export interface JournalQuery {
  objectType?: string;
  objectId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  before?: string;
  limit?: number;
}

// The work calendar and notifications: types inferred from the shared zod schemas (type-only, so the web
// bundle does not carry zod).
export type {
  CalendarDay,
  CalendarExportLayer,
  CalendarImportInput,
  CalendarImportPreview,
  CalendarLayerCode,
  CalendarStatus,
  CalendarWarning,
  CalendarYear,
  DayKind,
  LocalDay,
  LocalDayCreate,
  LocalDayUpdate,
  NotificationList,
  StaffNotification,
  TermResult,
  TermRule,
} from '@uslugi/contracts';

export interface TermRequest {
  from: string;
  workingDays?: number;
  calendarDays?: number;
  rule?: TermRule;
}

// Documents, signatures and the PKI: types inferred from the shared zod schemas (type-only).
export type {
  DocumentDetails,
  DocumentSignature,
  DocumentUpload,
  SignatureReport,
  SigningCertificate,
  StoredDocument,
  SystemInfo,
  TrustedRoot,
  VerifyRequest,
  VerifyResult,
} from '@uslugi/contracts';

// Sign-in through ESIA, one's own sessions and the applicant's portal profile.
export type {
  ActiveSession,
  ApplicantProfile,
  ApplicantSession,
  EsiaChoice,
  EsiaSignInResult,
  PortalMunicipality,
  SignOutResult,
} from '@uslugi/contracts';
