import {
  APPLICANT_KIND_TITLES,
  CHANNEL_TITLES,
  OUTCOME_TITLES,
  REQUEST_MODE_TITLES,
  STAGE_KIND_TITLES,
  VERSION_STATE_TITLES,
  formatTerm,
  type Action,
  type ServiceDefinition,
  type ServiceVersion,
  type Stage,
} from '@uslugi/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCatalogService, useCatalogVersion } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { FormRenderer } from '../../../components/service-form';
import { formatFee, formatValidity } from '../../../components/service-form/card-format';
import { errorMessage } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { ROLE_TITLES } from '../../../lib/roles';
import { serviceState } from './CatalogPage';
import './catalog.css';

/** A service in the workplace: the card, the technological map stage by stage, the form as applicants see it. */
export function ServiceCatalogPage() {
  const { id = '' } = useParams();
  const { data, error } = useCatalogService(id);
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = chosen ?? data?.service.current?.id ?? data?.service.draft?.id ?? null;
  const version = useCatalogVersion(shown);
  return (
    <>
      <p>
        <Link to="/arm/catalog">← Каталог услуг</Link>
      </p>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {!data && !error && <p className="muted">Загрузка…</p>}
      {data && (
        <>
          <h1 data-testid="arm-service-name">{data.service.name}</h1>
          <p className="muted">
            Код {data.service.code}. {serviceState(data.service)}.
          </p>
          {data.versions.length > 1 && (
            <div className="field catalog-version">
              <div className="field-label">
                <label htmlFor="catalog-version">Версия</label>
              </div>
              <select id="catalog-version" value={shown ?? ''} onChange={(e) => setChosen(e.target.value)}>
                {data.versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {`Версия ${v.number} — ${VERSION_STATE_TITLES[v.state]}`}
                    {v.publishedAt ? `, опубликована ${formatDate(v.publishedAt.slice(0, 10))}` : ''}
                  </option>
                ))}
              </select>
            </div>
          )}
          {data.subServices.length > 0 && (
            <section className="panel" aria-labelledby="arm-subservices">
              <h2 id="arm-subservices">Подуслуги</h2>
              <ul>
                {data.subServices.map((sub) => (
                  <li key={sub.id}>
                    <Link to={`/arm/catalog/${sub.id}`}>{sub.name}</Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {!shown && <p>У услуги нет версий.</p>}
          {version.error && <Notice kind="error">{errorMessage(version.error)}</Notice>}
          {version.data && <VersionView version={version.data} />}
        </>
      )}
    </>
  );
}

function VersionView({ version }: { version: ServiceVersion }) {
  const { definition } = version;
  const unitName = (ref: string | null) =>
    ref === null ? 'подразделение, ответственное за услугу' : (version.units[ref] ?? ref);
  return (
    <>
      {version.summary.state === 'draft' && (
        <Notice kind="warn">Черновик: не опубликован, по нему заявления не принимаются.</Notice>
      )}
      <CardView definition={definition} unitName={unitName} />
      <section className="panel" aria-labelledby="arm-techmap">
        <h2 id="arm-techmap">Технологическая схема</h2>
        <TechMapTable definition={definition} unitName={unitName} />
      </section>
      <section className="arm-form-preview" aria-labelledby="arm-form">
        <h2 id="arm-form">Форма заявления</h2>
        <p className="muted">Так форму видит заявитель. Условные поля показаны все, с условием показа.</p>
        <FormRenderer
          form={definition.form}
          applicantKinds={definition.card.applicantCategories.map((c) => c.kind)}
          readOnly
          headingLevel={3}
          idPrefix="preview-"
          aria-label="Форма заявления (просмотр)"
        />
      </section>
    </>
  );
}

function CardView({
  definition,
  unitName,
}: {
  definition: ServiceDefinition;
  unitName: (ref: string | null) => string;
}) {
  const { card } = definition;
  return (
    <section className="panel" aria-labelledby="arm-card">
      <h2 id="arm-card">Карточка услуги</h2>
      <dl className="facts">
        <dt>Краткое наименование</dt>
        <dd>{card.shortName}</dd>
        <dt>Ответственное подразделение</dt>
        <dd>{unitName(card.responsibleUnitRef)}</dd>
        <dt>Заявители</dt>
        <dd>
          {card.applicantCategories
            .map(
              (c) => `${APPLICANT_KIND_TITLES[c.kind]}${c.representativeAllowed ? ' (и представитель)' : ''}`,
            )
            .join('; ')}
        </dd>
        <dt>Срок предоставления</dt>
        <dd>
          {formatTerm(card.term)}
          {card.termClause && <span className="muted"> ({card.termClause})</span>}
        </dd>
        <dt>Плата</dt>
        <dd>{formatFee(card.fee)}</dd>
        <dt>Способы подачи</dt>
        <dd>{card.channels.map((c) => CHANNEL_TITLES[c]).join('; ')}</dd>
        <dt>Срок хранения дела</dt>
        <dd>{card.retentionYears} лет</dd>
        <dt>Регламент</dt>
        <dd>
          {card.regulation.url ? (
            <a href={card.regulation.url} target="_blank" rel="noreferrer noopener">
              {card.regulation.title}
            </a>
          ) : (
            card.regulation.title
          )}
          <div className="muted">
            {card.regulation.issuer} от {formatDate(card.regulation.date)} № {card.regulation.number}
          </div>
        </dd>
        <dt>Документы заявителя</dt>
        <dd>
          <List
            items={card.applicantDocuments.map(
              (d) =>
                `${d.name}${d.required ? '' : ' (при необходимости)'}${d.condition ? ` — ${d.condition}` : ''}`,
            )}
          />
        </dd>
        <dt>Запрашиваются межведомственно</dt>
        <dd>
          <List items={card.interagencyDocuments.map((d) => d.name)} />
        </dd>
        <dt>Результаты</dt>
        <dd>
          <List
            items={card.results.map(
              (r) =>
                `${r.name}${r.kind === 'negative' ? ' (отрицательный)' : ''}${r.validity ? `, действует ${formatValidity(r.validity)}` : ''}`,
            )}
          />
        </dd>
        <dt>Основания отказа в приёме</dt>
        <dd>
          <List items={card.intakeRefusalGrounds.map((g) => g.text)} />
        </dd>
        <dt>Основания отказа в услуге</dt>
        <dd>
          <List items={card.serviceRefusalGrounds.map((g) => g.text)} />
        </dd>
      </dl>
    </section>
  );
}

function List({ items }: { items: string[] }) {
  if (items.length === 0) return <>—</>;
  return (
    <ul className="catalog-list">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

function actionText(action: Action, stageName: (key: string) => string): string {
  const marks = [
    action.decision === 'grant' ? 'решение о предоставлении' : null,
    action.decision === 'refuse' ? 'решение об отказе' : null,
    action.signature ? 'подписание ЭП' : null,
    action.reason ? 'с указанием причины' : null,
    action.grounds ? `с основаниями отказа${action.grounds === 'intake' ? ' в приёме' : ''}` : null,
    action.roles.length > 0 ? `роли: ${action.roles.map((r) => ROLE_TITLES[r]).join(', ')}` : null,
  ].filter(Boolean);
  return `«${action.label}» → ${stageName(action.to)}${marks.length > 0 ? ` (${marks.join('; ')})` : ''}`;
}

/** The map as a table: each stage, who answers for it and in what term, where its actions lead. */
function TechMapTable({
  definition,
  unitName,
}: {
  definition: ServiceDefinition;
  unitName: (ref: string | null) => string;
}) {
  const { techMap, card } = definition;
  const stageName = (key: string) => techMap.stages.find((s) => s.key === key)?.name ?? key;
  const resultName = (key: string | null) => card.results.find((r) => r.key === key)?.name ?? key ?? '—';
  return (
    <DataTable<Stage>
      caption="Этапы технологической схемы"
      rows={techMap.stages}
      rowKey={(stage) => stage.key}
      empty="Этапов нет."
      data-testid="arm-techmap"
      columns={[
        {
          header: 'Этап',
          className: 'techmap-stage',
          cell: (stage) => (
            <>
              <b>{stage.name}</b>
              <div className="muted">
                {STAGE_KIND_TITLES[stage.kind]}
                {stage.key === techMap.start ? ', начальный' : ''}
              </div>
            </>
          ),
        },
        {
          header: 'Ответственный и срок',
          cell: (stage) =>
            stage.responsible ? (
              <>
                {ROLE_TITLES[stage.responsible.role]}
                <div className="muted">{unitName(stage.responsible.unitRef)}</div>
                {stage.term && <div>{formatTerm(stage.term)}</div>}
              </>
            ) : (
              '—'
            ),
        },
        {
          header: 'Действия',
          cell: (stage) =>
            stage.kind === 'final' || stage.actions.length === 0 ? (
              <>
                {stage.outcome ? OUTCOME_TITLES[stage.outcome] : 'Завершение'}
                {stage.resultKey && <div className="muted">Результат: {resultName(stage.resultKey)}</div>}
              </>
            ) : (
              <List items={stage.actions.map((a) => actionText(a, stageName))} />
            ),
        },
        {
          header: 'Документы и запросы',
          cell: (stage) => (
            <List
              items={[
                ...stage.documents.map((d) => `Документ: ${d.name}`),
                ...stage.interagencyRequests.map(
                  (r) =>
                    `Межведомственный запрос: ${r.name}; ответ ${r.answerTerm ? `за ${formatTerm(r.answerTerm)}` : 'без срока'}; ${REQUEST_MODE_TITLES[r.mode].toLowerCase()}`,
                ),
                ...stage.intraRequests.map(
                  (r) =>
                    `Запрос в подразделение «${unitName(r.unitRef)}»: ${r.name}; ответ ${r.answerTerm ? `за ${formatTerm(r.answerTerm)}` : 'без срока'}`,
                ),
              ]}
            />
          ),
        },
      ]}
    />
  );
}
