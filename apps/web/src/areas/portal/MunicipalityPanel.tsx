import { PortalMunicipalityChangeSchema, type ApplicantSession } from '@uslugi/contracts';
import { useState } from 'react';
import { useChangePortalMunicipality, usePortalMunicipalities } from '../../api/queries';
import { Form, FormFooter } from '../../components/form/Form';
import { SelectField } from '../../components/form/Field';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';
import { useApiForm } from '../../lib/use-api-form';

interface Values {
  municipalityId: string;
}

/** «Сменить муниципальное образование»: the session moves there and the server remembers it. */
function ChangeForm({ session, onDone }: { session: ApplicantSession; onDone: () => void }) {
  const municipalities = usePortalMunicipalities();
  const change = useChangePortalMunicipality();
  const api = useApiForm({
    schema: PortalMunicipalityChangeSchema,
    defaultValues: { municipalityId: '' } satisfies Values,
    toRequest: (values: Values) => ({ municipalityId: values.municipalityId }),
    submit: (request) => change.mutateAsync({ ...request, csrfToken: session.csrfToken }),
    onSuccess: onDone,
  });
  if (municipalities.error) return <Notice kind="error">{errorMessage(municipalities.error)}</Notice>;
  const options = (municipalities.data ?? [])
    .filter((m) => m.id !== session.municipality.id)
    .map((m) => ({ value: m.id, label: m.name }));
  return (
    <Form api={api} data-testid="portal-municipality-form" aria-label="Смена муниципального образования">
      <SelectField<Values>
        name="municipalityId"
        id="portal-municipality-change"
        label="Новое муниципальное образование"
        options={options}
        emptyLabel="— выберите —"
        required
        hint="Выбор запоминается: следующие входы через Госуслуги приведут сюда же."
      />
      <FormFooter api={api} submit="Сменить" submitTestId="portal-municipality-save" onCancel={onDone} />
    </Form>
  );
}

/**
 * Which municipality the applicant is in (where their appeals go), the one of their region when that
 * is another, and the change of it.
 */
export function MunicipalityPanel({ session }: { session: ApplicantSession }) {
  const [changing, setChanging] = useState(false);
  const move = useChangePortalMunicipality();
  const home = session.homeMunicipality;
  return (
    <section className="panel" aria-labelledby="portal-municipality-title">
      <h2 id="portal-municipality-title" className="panel-title">
        Муниципальное образование
      </h2>
      <p data-testid="portal-municipality">
        Вы вошли в <b>{session.municipality.name}</b>: ваши обращения направляются туда.
      </p>
      {home && home.id !== session.municipality.id && (
        <Notice kind="info">
          По адресу из Госуслуг вы относитесь к <b>{home.name}</b>.{' '}
          <button
            type="button"
            className="btn"
            data-testid="portal-home-municipality"
            disabled={move.isPending}
            onClick={() => move.mutate({ municipalityId: home.id, csrfToken: session.csrfToken })}
          >
            Перейти в {home.name}
          </button>
        </Notice>
      )}
      {move.error && <Notice kind="error">{errorMessage(move.error)}</Notice>}
      {changing ? (
        <ChangeForm session={session} onDone={() => setChanging(false)} />
      ) : (
        <button
          type="button"
          className="btn"
          data-testid="portal-municipality-change"
          onClick={() => setChanging(true)}
        >
          Сменить муниципальное образование
        </button>
      )}
    </section>
  );
}
