import type { FormProblem, FormValues, PortalService } from '@uslugi/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { checkPortalSubmission } from '../../../api/endpoints';
import { usePortalService } from '../../../api/queries';
import { Notice } from '../../../components/Notice';
import { FormRenderer } from '../../../components/service-form';
import { errorMessage } from '../../../lib/errors';
import { MunicipalityChoice, inMunicipality, useCatalogMunicipality } from './catalog-municipality';
import './services.css';

/** The application form of a service: filled and checked by the server; sending comes with intake. */
export function ApplyPage() {
  const { id = '' } = useParams();
  const { id: municipalityId } = useCatalogMunicipality();
  const { data, error } = usePortalService(municipalityId, id);
  if (!municipalityId) {
    return (
      <main className="content content-narrow">
        <h1>Заявление</h1>
        <MunicipalityChoice />
      </main>
    );
  }
  return (
    <main className="content content-narrow">
      <p>
        <Link to={inMunicipality(`/services/${id}`, municipalityId)}>← К описанию услуги</Link>
      </p>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {!data && !error && <p className="muted">Загрузка…</p>}
      {data && <Apply service={data} municipalityId={municipalityId} />}
    </main>
  );
}

type Outcome = { kind: 'ok' } | { kind: 'problems'; count: number } | { kind: 'error'; message: string };

function Apply({ service, municipalityId }: { service: PortalService; municipalityId: string }) {
  const [problems, setProblems] = useState<FormProblem[] | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function check(values: FormValues) {
    setPending(true);
    setOutcome(null);
    try {
      const answer = await checkPortalSubmission(service.id, municipalityId, values);
      setProblems(answer.problems);
      setOutcome(
        answer.problems.length === 0 ? { kind: 'ok' } : { kind: 'problems', count: answer.problems.length },
      );
    } catch (failure) {
      setOutcome({ kind: 'error', message: errorMessage(failure) });
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <h1>Заявление</h1>
      <p className="service-apply-name">{service.card.name}</p>
      <Notice kind="info">
        Подача заявления через портал станет доступна после подключения приёма заявлений; сейчас можно
        проверить заполнение.
      </Notice>
      <p className="muted">
        Поля, отмеченные <span className="required">*</span>, обязательны.
      </p>
      <FormRenderer
        form={service.form}
        applicantKinds={service.card.applicantCategories.map((c) => c.kind)}
        problems={problems}
        onSubmit={check}
        pending={pending}
        submitLabel={pending ? 'Проверяем…' : 'Проверить заявление'}
        aria-label="Заявление"
      />
      <div aria-live="polite" data-testid="apply-outcome">
        {outcome?.kind === 'ok' && (
          <Notice kind="success">Сервер проверил заявление: ошибок в заполнении нет.</Notice>
        )}
        {outcome?.kind === 'problems' && (
          <Notice kind="warn">
            Сервер нашёл ошибки в заполнении ({outcome.count}): они показаны под полями.
          </Notice>
        )}
        {outcome?.kind === 'error' && <Notice kind="error">{outcome.message}</Notice>}
      </div>
    </>
  );
}
