import type { TermRule } from '@uslugi/contracts';

// API types of the web app: the shared zod schemas' inferred types (type-only imports, so the web
// bundle does not carry zod). One definition per shape, on the server and here.

export { ROLES as ALL_ROLES, type Permission, type Role } from '@uslugi/contracts/roles';

export type {
  Employee,
  EmployeeCreate as CreateEmployeeInput,
  EmployeeUpdate as UpdateEmployeeInput,
  ErrorBody as ApiErrorBody,
  JournalEntry,
  JournalObjectTypeOption,
  JournalVerification,
  JournalPage,
  JournalQuery,
  OrgUnit,
  OrgUnitCreate as CreateOrgUnitInput,
  OrgUnitUpdate as UpdateOrgUnitInput,
  Position,
  Session,
  SessionUser,
} from '@uslugi/contracts';

export interface FieldError {
  path: string;
  message: string;
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
