import {
  APPLICANT_KIND_TITLES,
  CHANNEL_TITLES,
  formatTerm,
  type PortalService,
  type ServiceCard,
} from '@uslugi/contracts';
import { Link, useParams } from 'react-router-dom';
import { usePortalService } from '../../../api/queries';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { formatFee, formatValidity } from '../../../components/service-form/card-format';
import { MunicipalityChoice, inMunicipality, useCatalogMunicipality } from './catalog-municipality';
import './services.css';

/** A service's page on the portal: what an applicant needs to know before applying. */
export function ServicePage() {
  const { id = '' } = useParams();
  const { id: municipalityId } = useCatalogMunicipality();
  const { data, error } = usePortalService(municipalityId, id);
  if (!municipalityId) {
    return (
      <main className="content content-narrow">
        <h1>Услуга</h1>
        <MunicipalityChoice />
      </main>
    );
  }
  return (
    <main className="content content-narrow">
      <p>
        <Link to={inMunicipality('/services', municipalityId)}>← Все услуги</Link>
      </p>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {!data && !error && <p className="muted">Загрузка…</p>}
      {data && <ServiceView service={data} municipalityId={municipalityId} />}
    </main>
  );
}

function ServiceView({ service, municipalityId }: { service: PortalService; municipalityId: string }) {
  const { card } = service;
  const viaPortal = card.channels.includes('portal');
  return (
    <article className="service-page">
      <h1 data-testid="portal-service-name">{card.name}</h1>
      {card.description && <p className="service-description">{card.description}</p>}
      <div className="service-apply">
        {viaPortal ? (
          <Link
            className="btn btn-primary"
            to={inMunicipality(`/services/${service.id}/apply`, municipalityId)}
            data-testid="portal-apply"
          >
            Подать заявление
          </Link>
        ) : (
          <Notice kind="info">Заявление подаётся лично или почтой, на бумаге.</Notice>
        )}
      </div>
      <section className="panel" aria-labelledby="service-facts">
        <h2 id="service-facts">Основные сведения</h2>
        <dl className="facts">
          <dt>Кто предоставляет</dt>
          <dd>{service.responsibleUnit ?? '—'}</dd>
          <dt>Срок предоставления</dt>
          <dd>{formatTerm(card.term)}</dd>
          <dt>Стоимость</dt>
          <dd>{formatFee(card.fee)}</dd>
          <dt>Способы подачи</dt>
          <dd>{card.channels.map((c) => CHANNEL_TITLES[c]).join('; ')}</dd>
        </dl>
      </section>
      <Applicants card={card} />
      <Documents card={card} />
      <Results card={card} />
      {service.subServices.length > 0 && (
        <section className="panel" aria-labelledby="service-subservices">
          <h2 id="service-subservices">Подуслуги</h2>
          <ul>
            {service.subServices.map((sub) => (
              <li key={sub.id}>
                <Link to={inMunicipality(`/services/${sub.id}`, municipalityId)}>{sub.name}</Link>{' '}
                <span className="muted">— {formatTerm(sub.term)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Grounds card={card} />
      <section className="panel" aria-labelledby="service-regulation">
        <h2 id="service-regulation">Административный регламент</h2>
        <p>
          {card.regulation.url ? (
            <a href={card.regulation.url} target="_blank" rel="noreferrer noopener">
              {card.regulation.title}
            </a>
          ) : (
            card.regulation.title
          )}
        </p>
        <p className="muted">
          {[card.regulation.issuer, `от ${formatDate(card.regulation.date)} № ${card.regulation.number}`]
            .filter(Boolean)
            .join(', ')}
        </p>
      </section>
    </article>
  );
}

function Applicants({ card }: { card: ServiceCard }) {
  return (
    <section className="panel" aria-labelledby="service-applicants">
      <h2 id="service-applicants">Кто может обратиться</h2>
      <ul>
        {card.applicantCategories.map((category) => (
          <li key={category.kind}>
            {APPLICANT_KIND_TITLES[category.kind]}
            {category.representativeAllowed
              ? ' — лично или через представителя'
              : ' — только лично, без представителя'}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Documents({ card }: { card: ServiceCard }) {
  return (
    <>
      <section className="panel" aria-labelledby="service-documents">
        <h2 id="service-documents">Какие документы представить</h2>
        {card.applicantDocuments.length === 0 ? (
          <p>Документы, кроме заявления, не требуются.</p>
        ) : (
          <ul className="service-documents" data-testid="portal-documents">
            {card.applicantDocuments.map((doc) => (
              <li key={doc.key}>
                {doc.name}
                {!doc.required && <span className="muted"> (при необходимости)</span>}
                {doc.condition && <div className="muted">{doc.condition}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {card.interagencyDocuments.length > 0 && (
        <section className="panel" aria-labelledby="service-interagency">
          <h2 id="service-interagency">Система запросит сама</h2>
          {/* 210-ФЗ ст. 7 ч. 1 п. 2: documents held by other authorities are not demanded from the applicant. */}
          <p className="muted">
            Эти документы и сведения администрация получает сама по межведомственным запросам: требовать их от
            заявителя закон запрещает (статья 7 Федерального закона № 210-ФЗ). Вы можете представить их по
            собственной инициативе.
          </p>
          <ul data-testid="portal-interagency">
            {card.interagencyDocuments.map((doc) => (
              <li key={doc.key}>{doc.name}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Results({ card }: { card: ServiceCard }) {
  return (
    <section className="panel" aria-labelledby="service-results">
      <h2 id="service-results">Результат</h2>
      <ul>
        {card.results.map((result) => (
          <li key={result.key}>
            {result.name}
            {result.validity && <span className="muted"> — действует {formatValidity(result.validity)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Grounds({ card }: { card: ServiceCard }) {
  if (card.intakeRefusalGrounds.length === 0 && card.serviceRefusalGrounds.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="service-grounds">
      <h2 id="service-grounds">Основания для отказа</h2>
      {card.intakeRefusalGrounds.length > 0 && (
        <>
          <h3>В приёме документов</h3>
          <ul>
            {card.intakeRefusalGrounds.map((g) => (
              <li key={g.key}>{g.text}</li>
            ))}
          </ul>
        </>
      )}
      {card.serviceRefusalGrounds.length > 0 && (
        <>
          <h3>В предоставлении услуги</h3>
          <ul>
            {card.serviceRefusalGrounds.map((g) => (
              <li key={g.key}>{g.text}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
