import {
  AuthorityInputSchema,
  REGISTRY_AUTHORITY_KIND_TITLES,
  REGISTRY_AUTHORITY_KINDS,
  type ApplicantRecord,
  type Authority,
  type AuthorityInput,
  type RegistryAuthorityKind,
} from '@uslugi/contracts';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useCatalogServices } from '../../api/queries';
import { Dialog } from '../Dialog';
import { Field, SelectField, TextField } from '../form/Field';
import { Form, FormActions, FormAlert, SubmitButton } from '../form/Form';
import { useApiForm } from '../../lib/use-api-form';
import { ApplicantPicker } from './ApplicantPicker';
import { useGrantAuthority } from './api';

interface AuthorityValues {
  kind: RegistryAuthorityKind;
  documentNumber: string;
  documentDate: string;
  validUntil: string;
  serviceIds: string[];
  scopeText: string;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

interface AuthorityDialogProps {
  applicant: Pick<ApplicantRecord, 'id' | 'displayName' | 'kind'>;
  /** The representative, when already chosen; otherwise the dialog asks for one (an individual). */
  representative?: ApplicantRecord | null;
  onSaved: (authority: Authority, representative: ApplicantRecord | null) => void;
  onClose: () => void;
}

/**
 * Records the grounds on which a representative acts for the applicant: a power of attorney (its
 * number, date, term and the services it covers; without a term it is valid a year, ГК РФ ст. 186),
 * legal representation of a minor (ГК РФ ст. 28, 64), the head of an organisation (ГК РФ ст. 53).
 */
export function AuthorityDialog({
  applicant,
  representative: given,
  onSaved,
  onClose,
}: AuthorityDialogProps) {
  const grant = useGrantAuthority();
  const services = useCatalogServices();
  const [representative, setRepresentative] = useState<ApplicantRecord | null>(given ?? null);
  const [missingRepresentative, setMissingRepresentative] = useState(false);
  const api = useApiForm<AuthorityValues, AuthorityInput, Authority>({
    schema: AuthorityInputSchema,
    defaultValues: {
      kind: applicant.kind === 'legal_entity' ? 'organization_head' : 'power_of_attorney',
      documentNumber: '',
      documentDate: '',
      validUntil: '',
      serviceIds: [],
      scopeText: '',
    },
    toRequest: (v) => ({
      applicantId: applicant.id,
      representativeId: representative?.id ?? '',
      kind: v.kind,
      documentNumber: orNull(v.documentNumber),
      documentDate: orNull(v.documentDate),
      validUntil: orNull(v.validUntil),
      serviceIds: v.kind === 'power_of_attorney' ? v.serviceIds : [],
      scopeText: v.scopeText.trim(),
    }),
    check: () => {
      setMissingRepresentative(!representative);
      return {};
    },
    submit: (input) => grant.mutateAsync(input),
    onSuccess: (authority) => onSaved(authority, representative),
  });
  const kind = useWatch({ control: api.form.control, name: 'kind' });

  return (
    <Dialog title="Основание представительства" onClose={onClose} data-testid="authority-dialog">
      <p>
        Заявитель: <strong>{applicant.displayName}</strong>
      </p>
      <Form api={api} aria-label="Основание представительства">
        {given ? (
          <p>
            Представитель: <strong>{given.displayName}</strong>
          </p>
        ) : (
          <>
            <ApplicantPicker
              label="Представитель (физическое лицо)"
              kinds={['individual']}
              value={representative}
              onChange={setRepresentative}
            />
            {missingRepresentative && !representative && (
              <div className="field-error" role="alert">
                Представитель: выберите представителя
              </div>
            )}
          </>
        )}
        <SelectField<AuthorityValues>
          name="kind"
          label="Основание"
          required
          options={REGISTRY_AUTHORITY_KINDS.map((k) => ({
            value: k,
            label: REGISTRY_AUTHORITY_KIND_TITLES[k],
          }))}
        />
        {kind !== 'organization_head' && (
          <>
            <TextField<AuthorityValues>
              name="documentNumber"
              label={
                kind === 'law'
                  ? 'Номер документа (свидетельство о рождении, акт опеки)'
                  : 'Номер доверенности'
              }
            />
            <TextField<AuthorityValues> name="documentDate" label="Дата документа" type="date" />
          </>
        )}
        {kind === 'power_of_attorney' && (
          <>
            <TextField<AuthorityValues>
              name="validUntil"
              label="Действует до"
              type="date"
              hint="Без срока доверенность действует год со дня её совершения (ГК РФ ст. 186)"
            />
            <Field
              name="serviceIds"
              label="Услуги, на которые распространяется доверенность"
              hint="Ничего не выбрано — на все услуги"
            >
              {(control) => (
                <select {...control} multiple size={5} {...api.form.register('serviceIds')}>
                  {(services.data?.items ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <TextField<AuthorityValues> name="scopeText" label="Полномочия (как в доверенности)" multiline />
          </>
        )}
        <FormAlert error={api.general} />
        <FormActions>
          <SubmitButton api={api} pendingLabel="Сохранение…">
            Сохранить основание
          </SubmitButton>
          <button type="button" className="btn" onClick={onClose}>
            Отмена
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
