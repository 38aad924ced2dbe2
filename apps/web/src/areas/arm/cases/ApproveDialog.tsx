import {
  ApproveCaseSchema,
  type CaseActionView,
  type CaseCommandResult,
  type CaseDecisionView,
} from '@uslugi/contracts';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { useMyCertificate } from '../../../api/queries';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/form/Field';
import { Form, FormFooter } from '../../../components/form/Form';
import { formatDateTime } from '../../../lib/format';
import { useApiForm } from '../../../lib/use-api-form';
import { ChangePinDialog } from '../documents/ChangePinDialog';
import { useCaseCommand } from './api';

interface Values {
  pin: string;
}

/**
 * 000 item 3.5: the official approves the decision by signing its draft with their qualified
 * signature, confirmed with the PIN of the key; a wrong PIN signs nothing and the case stays.
 */
export function ApproveDialog(props: {
  caseId: string;
  action: CaseActionView;
  decision: CaseDecisionView | null;
  onDone: (result: CaseCommandResult) => void;
  onClose: () => void;
}) {
  const command = useCaseCommand(props.caseId, 'approve');
  const mine = useMyCertificate();
  const certificate = mine.data?.certificate ?? null;
  const [pinNotSet, setPinNotSet] = useState(false);
  const [changingPin, setChangingPin] = useState(false);
  const api = useApiForm({
    schema: ApproveCaseSchema,
    defaultValues: { pin: '' },
    toRequest: (values: Values) => ({ pin: values.pin }),
    submit: async (request) => {
      try {
        return await command.run(request);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'pin_not_set') setPinNotSet(true);
        throw error;
      }
    },
    onSuccess: props.onDone,
    clearOnError: ['pin'],
  });

  if (changingPin)
    return <ChangePinDialog onClose={() => setChangingPin(false)} onChanged={() => setChangingPin(false)} />;
  const showPinNotice = pinNotSet || (certificate !== null && !certificate.ownPinSet);
  return (
    <Dialog title="Подписать решение" onClose={props.onClose}>
      <Form api={api} data-testid="approve-form">
        <p>
          {props.decision ? (
            <>
              Решение «{props.decision.actionLabel}» будет подписано усиленной квалифицированной электронной
              подписью (ГОСТ Р 34.10-2012) и станет результатом предоставления услуги.
            </>
          ) : (
            'Проект решения будет подписан усиленной квалифицированной электронной подписью.'
          )}
        </p>
        {certificate ? (
          <dl className="facts">
            <dt>Сертификат</dt>
            <dd>
              {certificate.subject.fullName}
              {certificate.subject.title ? `, ${certificate.subject.title}` : ''}
            </dd>
            <dt>Действует до</dt>
            <dd>{formatDateTime(certificate.notAfter)}</dd>
          </dl>
        ) : (
          mine.data && (
            <p className="notice notice-warn">
              У вас нет действующего сертификата электронной подписи: подписать нельзя. Обратитесь к
              оператору.
            </p>
          )
        )}
        {showPinNotice && (
          <div className="notice notice-warn" data-testid="pin-not-set">
            Ключ подписывает только после того, как вы зададите собственный PIN-код вместо полученного от
            оператора.{' '}
            <button type="button" className="btn-link" onClick={() => setChangingPin(true)}>
              Сменить PIN-код
            </button>
          </div>
        )}
        <TextField<Values>
          id="approve-pin"
          name="pin"
          label="PIN-код ключа"
          type="password"
          inputMode="numeric"
          hint="После трёх неверных PIN-кодов подряд ключ блокируется на 15 минут"
        />
        <FormFooter
          api={api}
          pendingLabel="Подписание…"
          submit={props.action.label}
          onCancel={props.onClose}
        />
      </Form>
    </Dialog>
  );
}
