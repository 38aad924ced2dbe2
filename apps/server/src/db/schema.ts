import type { Role } from '@uslugi/contracts/roles';
import type { ColumnType, Generated } from 'kysely';

/** Table types as Kysely sees them through CamelCasePlugin (snake_case in SQL, camelCase here). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Bigint = ColumnType<number, number | undefined, number>;

export type { Role };

export interface MunicipalitiesTable {
  id: Generated<string>;
  name: string;
  shortName: string;
  oktmo: string;
  regionCode: string;
  regionName: string;
  calendarRegion: string | null;
  ogrn: ColumnType<string | null, string | null | undefined, string | null>;
  inn: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
}

export interface PositionsTable {
  id: Generated<string>;
  municipalityId: string;
  name: string;
  createdAt: CreatedAt;
}

export interface OrgUnitsTable {
  id: Generated<string>;
  municipalityId: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  headEmployeeId: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface EmployeesTable {
  id: Generated<string>;
  municipalityId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  snils: string;
  email: string;
  orgUnitId: string | null;
  positionId: string | null;
  blockedAt: Date | null;
  blockedReason: string | null;
  /** The ESIA account (urn:esia:sbj_id) bound at the first sign-in (migration 0009); null until then. */
  esiaOid: ColumnType<string | null, string | null | undefined, string | null>;
  esiaBoundAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export type SnilsChangeStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled';

/** A new СНИЛС for an existing employee, in force once a second person confirmed it (0009). */
export interface EmployeeSnilsChangesTable {
  id: Generated<string>;
  municipalityId: string;
  employeeId: string;
  oldSnils: string;
  newSnils: string;
  requestedBy: string;
  requestedAt: CreatedAt;
  status: ColumnType<SnilsChangeStatus, SnilsChangeStatus | undefined, SnilsChangeStatus>;
  decidedBy: string | null;
  decidedAt: Date | null;
  decidedVia: 'employee' | 'esia' | null;
}

export interface EmployeeRolesTable {
  municipalityId: string;
  employeeId: string;
  role: Role;
  grantedAt: CreatedAt;
}

export interface JournalStreamsTable {
  municipalityId: string;
  stream: string;
  seq: number;
  headHash: string;
  sealedSeq: Bigint;
  updatedAt: Timestamp;
}

export type ActorType = 'employee' | 'applicant' | 'system';

export interface JournalEntriesTable {
  id: Generated<number>;
  municipalityId: string;
  stream: string;
  seq: number;
  recordedAt: Date;
  actorType: ActorType;
  actorId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  payload: ColumnType<unknown, string, never>;
  payloadHash: string;
  prevHash: string;
  hash: string;
}

export interface JournalSealsTable {
  id: Generated<number>;
  sealedAt: Date;
  headCount: number;
  rootHash: string;
  prevSealHash: string;
  sealHash: string;
  signature: ColumnType<Uint8Array | null, Uint8Array | null | undefined, never>;
  signerCertificate: ColumnType<Uint8Array | null, Uint8Array | null | undefined, never>;
}

export interface JournalSealHeadsTable {
  sealId: number;
  municipalityId: string;
  stream: string;
  seq: number;
  hash: string;
}

export interface SessionsTable {
  id: Generated<string>;
  tokenHash: string;
  municipalityId: string;
  employeeId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  /** The СНИЛС ESIA reported at the sign-in (0009); null for sessions opened before it. */
  esiaSnils: ColumnType<string | null, string | null | undefined, never>;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  endedAt: Date | null;
}

export type JobState = 'queued' | 'active' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  queue: string;
  payload: ColumnType<unknown, string | undefined, string>;
  singletonKey: string | null;
  state: ColumnType<JobState, JobState | undefined, JobState>;
  attempts: ColumnType<number, number | undefined, number>;
  maxAttempts: ColumnType<number, number | undefined, number>;
  runAt: Timestamp;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: CreatedAt;
  finishedAt: Date | null;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  appliedAt: CreatedAt;
}

export type CalendarDayKind = 'dayoff' | 'working' | 'short';
export type CalendarLayerCode = 'federal' | 'regional';

export interface CalendarLocalDaysTable {
  id: Generated<string>;
  municipalityId: string;
  /** 'YYYY-MM-DD' on both engines. */
  date: string;
  kind: CalendarDayKind;
  title: string;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface CalendarImportsTable {
  municipalityId: string;
  layer: CalendarLayerCode;
  year: number;
  xml: string;
  /** Regional layer: the file's own days (xmlcalendar), without the federal days it repeats. */
  regionalDays: ColumnType<string | null, string | null | undefined, string | null>;
  sha256: string;
  provisional: ColumnType<boolean, boolean | undefined, boolean>;
  importedBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface CalendarVersionsTable {
  municipalityId: string;
  version: Bigint;
  updatedAt: Timestamp;
}

export type TermUnit = 'working_days' | 'calendar_days';
export type TermRule = 'exact' | 'next_working_day_if_off';
export type TermStatus = 'open' | 'closed';

export interface TermsTable {
  id: Generated<string>;
  municipalityId: string;
  objectType: string;
  objectId: string;
  title: string;
  startDate: string;
  amount: number;
  unit: TermUnit;
  rule: TermRule | null;
  dueDate: string;
  provisional: boolean;
  executorId: string | null;
  status: ColumnType<TermStatus, TermStatus | undefined, TermStatus>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  municipalityId: string;
  recipientId: string;
  text: string;
  objectType: string | null;
  objectId: string | null;
  createdAt: CreatedAt;
  readAt: Date | null;
}

export type InstallationKeyPurpose = 'ca' | 'system_signer';

/** JSON columns are written as JSON text (like the journal's payload) and read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface PkiInstallationKeysTable {
  purpose: InstallationKeyPurpose;
  certificate: Uint8Array;
  keyEnvelope: Json<unknown>;
  createdAt: CreatedAt;
}

export interface PkiTrustedRootsTable {
  id: Generated<string>;
  certificate: Uint8Array;
  fingerprint: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  installationCa: ColumnType<boolean, boolean | undefined, boolean>;
  addedAt: CreatedAt;
  removedAt: Date | null;
}

export interface PkiRevocationsTable {
  serialNumber: string;
  revokedAt: Date;
}

export interface PkiCrlsTable {
  crlNumber: number;
  der: Uint8Array;
  revokedCount: number;
  thisUpdate: Date;
  nextUpdate: Date;
}

export interface SigningCertificatesTable {
  id: Generated<string>;
  municipalityId: string;
  employeeId: string;
  serialNumber: string;
  certificate: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  keyEnvelope: Json<unknown>;
  pinFailures: ColumnType<number, number | undefined, number>;
  pinLockedUntil: Date | null;
  /** The owner replaced the issuance PIN with their own (0009); the key signs only then. */
  pinSetByOwner: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: CreatedAt;
  revokedAt: Date | null;
  revocationReason: string | null;
}

export interface DocumentsTable {
  id: Generated<string>;
  municipalityId: string;
  title: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  streebog256: string;
  storageKey: string;
  /** The owner: the employee who uploaded it. */
  createdBy: string;
  /** The uploader's unit at the upload (0010); null when they belonged to none. */
  orgUnitId: string | null;
  createdAt: CreatedAt;
  /** 'YYYY-MM-DD'. */
  retainUntil: string;
}

export interface DocumentSignaturesTable {
  id: Generated<string>;
  municipalityId: string;
  documentId: string;
  certificateId: string;
  signerId: string;
  signature: Uint8Array;
  signingTime: Date;
  valid: boolean;
  report: Json<unknown>;
  /**
   * When the system stored the signature: the trusted time its certificate is judged at (the signing
   * time above is the CMS attribute). Migration 0006 indexes sha256(signature) to find a stored copy.
   */
  createdAt: CreatedAt;
}

export type EsiaAudience = 'staff' | 'applicant';
export type EsiaSignInStatus = 'started' | 'exchanging' | 'choosing' | 'done' | 'failed';

export interface EsiaSignInsTable {
  state: string;
  audience: EsiaAudience;
  browserHash: string;
  redirectUri: string;
  scope: string;
  scopeOrg: string;
  returnTo: string | null;
  municipalityId: string | null;
  status: ColumnType<EsiaSignInStatus, EsiaSignInStatus | undefined, EsiaSignInStatus>;
  errorCode: string | null;
  esiaOid: string | null;
  /** The СНИЛС ESIA reported, kept while the person chooses a municipality (0009). */
  esiaSnils: ColumnType<string | null, string | null | undefined, string | null>;
  choices: ColumnType<unknown, string | null | undefined, string | null>;
  createdAt: CreatedAt;
  expiresAt: Date;
  finishedAt: Date | null;
}

export interface ApplicantsTable {
  id: Generated<string>;
  esiaOid: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** 'YYYY-MM-DD'. */
  birthDate: string | null;
  gender: 'M' | 'F' | null;
  snils: string | null;
  inn: string | null;
  passportSeries: string | null;
  passportNumber: string | null;
  passportIssueDate: string | null;
  passportIssuedBy: string | null;
  passportDivisionCode: string | null;
  registrationAddress: string | null;
  residenceAddress: string | null;
  email: string | null;
  mobile: string | null;
  esiaTrusted: boolean;
  esiaUpdatedAt: Timestamp;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface LegalEntitiesTable {
  id: Generated<string>;
  esiaOid: string;
  fullName: string;
  shortName: string | null;
  ogrn: string | null;
  inn: string | null;
  kpp: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ApplicantSessionsTable {
  id: Generated<string>;
  tokenHash: string;
  applicantId: string;
  legalEntityId: string | null;
  municipalityId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  endedAt: Date | null;
}

export interface DB {
  municipalities: MunicipalitiesTable;
  positions: PositionsTable;
  orgUnits: OrgUnitsTable;
  employees: EmployeesTable;
  employeeRoles: EmployeeRolesTable;
  employeeSnilsChanges: EmployeeSnilsChangesTable;
  journalStreams: JournalStreamsTable;
  journalEntries: JournalEntriesTable;
  journalSeals: JournalSealsTable;
  journalSealHeads: JournalSealHeadsTable;
  sessions: SessionsTable;
  esiaSignIns: EsiaSignInsTable;
  applicants: ApplicantsTable;
  legalEntities: LegalEntitiesTable;
  applicantSessions: ApplicantSessionsTable;
  jobs: JobsTable;
  schemaMigrations: SchemaMigrationsTable;
  calendarLocalDays: CalendarLocalDaysTable;
  calendarImports: CalendarImportsTable;
  calendarVersions: CalendarVersionsTable;
  terms: TermsTable;
  notifications: NotificationsTable;
  pkiInstallationKeys: PkiInstallationKeysTable;
  pkiTrustedRoots: PkiTrustedRootsTable;
  pkiRevocations: PkiRevocationsTable;
  pkiCrls: PkiCrlsTable;
  signingCertificates: SigningCertificatesTable;
  documents: DocumentsTable;
  documentSignatures: DocumentSignaturesTable;
}
