import { EmployeeBlockSchema } from '@uslugi/contracts';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { useApiForm } from '../../lib/use-api-form';
import { TextField } from './Field';
import { Form, FormActions, FormAlert, SubmitButton } from './Form';

interface Values {
  reason: string;
}

function ReasonForm({ submit }: { submit: (request: Values) => Promise<unknown> }) {
  const api = useApiForm({
    schema: EmployeeBlockSchema,
    defaultValues: { reason: '' },
    toRequest: (values: Values) => ({ reason: values.reason.trim() }),
    submit,
  });
  return (
    <Form api={api}>
      <TextField<Values> name="reason" label="Причина блокировки" required />
      <FormAlert error={api.general} />
      <FormActions>
        <SubmitButton api={api}>Заблокировать</SubmitButton>
      </FormActions>
    </Form>
  );
}

const refusal = (fields?: { path: string; message: string }[]) =>
  new ApiError(
    400,
    {
      code: 'validation',
      message: 'Проверьте заполнение полей.',
      requestId: 'req-42',
      ...(fields && { fields }),
    },
    'Запрос не выполнен.',
  );

describe('the form pattern', () => {
  it('shows the contracts’ Russian message under the field before anything is sent', async () => {
    const submit = vi.fn(() => Promise.resolve());
    render(<ReasonForm submit={submit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Заблокировать' }));

    const input = screen.getByLabelText('Причина блокировки');
    const error = await screen.findByText('Причина блокировки: Обязательное поле');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(error.id);
    expect(submit).not.toHaveBeenCalled();
  });

  it('puts a server `fields` message under its field and the rest, with the request id, above the buttons', async () => {
    render(
      <ReasonForm
        submit={() =>
          Promise.reject(refusal([{ path: 'reason', message: 'Причина блокировки: слишком кратко' }]))
        }
      />,
    );
    await userEvent.type(screen.getByLabelText('Причина блокировки'), 'отпуск');
    await userEvent.click(screen.getByRole('button', { name: 'Заблокировать' }));

    const error = await screen.findByText('Причина блокировки: слишком кратко');
    expect(screen.getByLabelText('Причина блокировки').getAttribute('aria-describedby')).toBe(error.id);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Проверьте заполнение полей.');
    expect(alert.textContent).toContain('req-42');
  });

  it('shows a general error with the request id when no field is named', async () => {
    render(
      <ReasonForm
        submit={() =>
          Promise.reject(
            new ApiError(
              409,
              { code: 'conflict', message: 'Сотрудник уже заблокирован.', requestId: 'req-7' },
              '',
            ),
          )
        }
      />,
    );
    await userEvent.type(screen.getByLabelText('Причина блокировки'), 'отпуск');
    await userEvent.click(screen.getByRole('button', { name: 'Заблокировать' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Сотрудник уже заблокирован.');
    expect(alert.textContent).toContain('Номер запроса: req-7');
  });

  it('disables the submit button while the request is on its way', async () => {
    let finish: () => void = () => {};
    const submit = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<ReasonForm submit={submit} />);
    await userEvent.type(screen.getByLabelText('Причина блокировки'), 'отпуск');
    const button = screen.getByRole('button', { name: 'Заблокировать' });
    await userEvent.click(button);

    await vi.waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
    await userEvent.click(button);
    expect(submit).toHaveBeenCalledTimes(1);
    expect(submit).toHaveBeenCalledWith({ reason: 'отпуск' }, { reason: 'отпуск' });
    finish();
    await vi.waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  });
});

describe('text fields', () => {
  it('stop at the request schema’s maximum length (maxLength from the contracts)', () => {
    render(<ReasonForm submit={() => Promise.resolve()} />);
    expect(screen.getByLabelText<HTMLTextAreaElement>('Причина блокировки').maxLength).toBe(500);
  });
});
