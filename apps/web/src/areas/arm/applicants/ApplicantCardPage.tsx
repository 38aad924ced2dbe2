import {
  formatSnils,
  normalizeSnils,
  REGISTRY_AUTHORITY_KIND_TITLES,
  type ApplicantRecord,
  type AuthorityStatus,
  type HeldDocument,
} from '@uslugi/contracts';
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../../auth/session-context';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { AuthorityDialog } from '../../../components/applicant-picker/AuthorityDialog';
import { useApplicantCard, useRevokeAuthority } from '../../../components/applicant-picker/api';
import { KIND_TITLES } from '../../../components/applicant-picker/identifiers';
import { errorMessage } from '../../../lib/errors';
import { JournalExtractLink } from '../../journal-extracts/links';
import { hasPermission } from '../../../lib/roles';
import './applicants.css';

function ruDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** A СНИЛС as 123-456-789 01 however it was entered. */
function snilsText(value: string | null): string | null {
  const digits = value ? normalizeSnils(value) : null;
  return digits ? formatSnils(digits) : value;
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** The record's data as label — value rows, in the order the form asks them. */
function dataRows(record: ApplicantRecord): Array<[string, string]> {
  const d = record.data;
  const rows: Array<[string, string | null]> = [['Вид заявителя', KIND_TITLES[record.kind]]];
  if (record.kind === 'legal_entity') {
    rows.push(
      ['Полное наименование', str(d.organizationName)],
      ['Сокращённое наименование', str(d.shortName)],
      ['ОГРН', str(d.ogrn)],
      ['ИНН', str(d.inn)],
      ['КПП', str(d.kpp)],
      ['Руководитель', [str(d.headName), str(d.headPosition)].filter(Boolean).join(', ') || null],
      ['Адрес юридического лица', str(d.legalAddress)],
    );
  } else {
    const doc = (d.identityDocument ?? null) as Record<string, unknown> | null;
    rows.push(
      ['ФИО', [d.lastName, d.firstName, d.middleName].filter((x) => typeof x === 'string' && x).join(' ')],
      ['Дата рождения', str(d.birthDate) ? ruDate(str(d.birthDate)) : null],
      ['СНИЛС', snilsText(str(d.snils))],
      ['ИНН', str(d.inn)],
      ['ОГРНИП', str(d.ogrnip)],
      [
        'Паспорт',
        doc
          ? [
              `${str(doc.series) ?? ''} ${str(doc.number) ?? ''}`.trim(),
              str(doc.issuedBy) ? `выдан ${str(doc.issuedBy)}` : null,
              str(doc.issuedOn) ? ruDate(str(doc.issuedOn)) : null,
              str(doc.divisionCode) ? `код подразделения ${str(doc.divisionCode)}` : null,
            ]
              .filter(Boolean)
              .join(', ')
          : null,
      ],
      ['Адрес регистрации', str(d.registrationAddress)],
      ['Адрес места жительства', str(d.residenceAddress)],
    );
  }
  rows.push(['Телефон', str(d.phone)], ['Электронная почта', str(d.email)]);
  return rows.filter((row): row is [string, string] => row[1] !== null && row[1] !== '');
}

function authorityDocument(a: AuthorityStatus): string {
  const parts = [
    a.documentNumber ? `№ ${a.documentNumber}` : null,
    a.documentDate ? `от ${ruDate(a.documentDate)}` : null,
  ];
  return parts.filter(Boolean).join(' ') || '—';
}

function heldSource(doc: HeldDocument): string {
  return doc.file ? `${doc.sourceLabel}; файл «${doc.file.fileName}»` : doc.sourceLabel;
}

/**
 * A record's card: its data (reading it is journaled as access to personal data), the grounds of
 * representation where it is the applicant or the representative, with what makes them invalid today,
 * and the documents it already gave, with where each came from.
 */
export function ApplicantCardPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const card = useApplicantCard(id);
  const revoke = useRevokeAuthority();
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<AuthorityStatus | null>(null);
  const manage = hasPermission(user, 'applicants.manage');

  if (card.error) return <Notice kind="error">{errorMessage(card.error)}</Notice>;
  if (!card.data) return <p className="muted">Загрузка…</p>;
  const { record, authorities, heldDocuments } = card.data;

  return (
    <>
      <p>
        <Link to="/arm/applicants">← Заявители</Link>
      </p>
      <div className="page-header">
        <h1>{record.displayName}</h1>
        <div className="toolbar">
          <JournalExtractLink scope="applicant" objectId={record.id} label={record.displayName} />
          {manage && (
            <Link className="btn" to={`/arm/applicants/${record.id}/edit`}>
              Изменить сведения
            </Link>
          )}
        </div>
      </div>
      {record.esiaLinked && (
        <Notice kind="info">Запись связана с учётной записью заявителя на Госуслугах.</Notice>
      )}
      <section className="panel" aria-labelledby="applicant-data">
        <h2 id="applicant-data">Сведения</h2>
        <dl className="facts" data-testid="applicant-data">
          {dataRows(record).map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <section className="panel panel-flush" aria-labelledby="applicant-authorities">
        <div className="applicants-section-header">
          <h2 id="applicant-authorities">Основания представительства</h2>
          {manage && (
            <button type="button" className="btn" onClick={() => setAdding(true)}>
              Добавить основание
            </button>
          )}
        </div>
        <DataTable
          caption="Основания представительства"
          rows={authorities}
          rowKey={(a) => a.id}
          empty="Оснований представительства нет."
          data-testid="applicant-authorities-table"
          columns={[
            {
              header: 'Кто за кого',
              cell: (a) =>
                a.applicantId === record.id ? (
                  <>
                    Представитель:{' '}
                    <Link to={`/arm/applicants/${a.representativeId}`}>{a.representativeName}</Link>
                  </>
                ) : (
                  <>
                    Представляет: <Link to={`/arm/applicants/${a.applicantId}`}>{a.applicantName}</Link>
                  </>
                ),
            },
            { header: 'Основание', cell: (a) => REGISTRY_AUTHORITY_KIND_TITLES[a.kind] },
            { header: 'Документ', cell: (a) => authorityDocument(a) },
            { header: 'Действует до', cell: (a) => (a.ends ? ruDate(a.ends) : '—') },
            {
              header: 'Состояние',
              cell: (a) =>
                a.problem ? (
                  <span className="authority-problem">{a.problem}</span>
                ) : (
                  <span>Действует{a.serviceIds.length > 0 ? ` (на ${a.serviceIds.length} усл.)` : ''}</span>
                ),
            },
            manage && {
              header: 'Действия',
              hiddenHeader: true,
              cell: (a) =>
                a.revokedAt ? null : (
                  <button
                    type="button"
                    className="btn btn-small btn-danger-outline"
                    onClick={() => setRevoking(a)}
                  >
                    Отменить
                  </button>
                ),
            },
          ]}
        />
      </section>
      <section className="panel panel-flush" aria-labelledby="applicant-documents">
        <div className="applicants-section-header">
          <h2 id="applicant-documents">Документы заявителя</h2>
        </div>
        <DataTable
          caption="Документы, которые заявитель уже представил"
          rows={heldDocuments}
          rowKey={(d) => d.id}
          empty="Документов нет."
          columns={[
            { header: 'Вид документа', cell: (d) => d.documentTypeName },
            { header: 'Документ', cell: (d) => d.title },
            { header: 'Действует до', cell: (d) => ruDate(d.validUntil) },
            { header: 'Откуда', cell: (d) => heldSource(d) },
            { header: 'Получен', cell: (d) => ruDate(d.receivedAt) },
          ]}
        />
      </section>
      {adding && (
        <AuthorityDialog
          applicant={record}
          onClose={() => setAdding(false)}
          onSaved={() => setAdding(false)}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title="Отменить основание представительства"
          confirmLabel="Отменить основание"
          confirm={() => revoke.mutateAsync(revoking.id)}
          onDone={() => setRevoking(null)}
          onClose={() => setRevoking(null)}
        >
          <p>
            {REGISTRY_AUTHORITY_KIND_TITLES[revoking.kind]} {authorityDocument(revoking)}:{' '}
            {revoking.representativeName} — представитель {revoking.applicantName}. После отмены представитель
            не сможет подать документы по этому основанию.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
