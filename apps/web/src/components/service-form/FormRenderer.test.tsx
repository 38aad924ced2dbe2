import type { FormValues } from '@uslugi/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FORM } from '../../test/catalog-fixtures';
import { FormRenderer } from './FormRenderer';

const TODAY = '2026-12-02';
const submitButton = () => screen.getByRole('button', { name: 'Проверить заявление' });
/** The error under a control: what its aria-describedby points at. */
const errorOf = (control: HTMLElement) => {
  expect(control.getAttribute('aria-invalid')).toBe('true');
  const id = control.getAttribute('aria-describedby') ?? '';
  return document.getElementById(id)?.textContent ?? '';
};

describe('the application form renderer', () => {
  it('names each empty required field under it and sends nothing', async () => {
    const onSubmit = vi.fn();
    render(<FormRenderer form={FORM} onSubmit={onSubmit} today={TODAY} />);
    await userEvent.click(submitButton());

    const cadastral = screen.getByLabelText('Кадастровый номер земельного участка');
    expect(errorOf(cadastral)).toBe('Обязательное поле');
    // A block's member: the applicant's surname, required of a person.
    expect(errorOf(screen.getByLabelText('Фамилия'))).toBe('Обязательное поле');
    // The focus goes to the first field at fault.
    expect(document.activeElement).toBe(screen.getByLabelText('Фамилия'));
    // A field not required stays quiet.
    expect(screen.getByLabelText('СНИЛС заявителя').getAttribute('aria-invalid')).toBeNull();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows a field only while its condition holds, and leaves a hidden one out of the submission', async () => {
    const onSubmit = vi.fn<(values: FormValues) => void>();
    render(<FormRenderer form={FORM} onSubmit={onSubmit} today={TODAY} />);
    expect(screen.queryByRole('group', { name: /Представитель/ })).toBeNull();
    expect(screen.queryByLabelText('Почтовый адрес для результата')).toBeNull();

    await userEvent.click(screen.getByLabelText('Заявление подаёт представитель заявителя'));
    const representative = screen.getByRole('group', { name: /Представитель/ });
    expect(within(representative).getByRole('group', { name: /Основание полномочий/ })).toBeTruthy();

    await userEvent.click(screen.getByLabelText('Почтовым отправлением'));
    expect(screen.getByLabelText('Почтовый адрес для результата')).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Лично'));
    expect(screen.queryByLabelText('Почтовый адрес для результата')).toBeNull();

    // Filled for a person, without the representative: the check passes and the values go out cleaned.
    await userEvent.click(screen.getByLabelText('Заявление подаёт представитель заявителя'));
    await userEvent.type(screen.getByLabelText('Фамилия'), ' Морозов ');
    await userEvent.type(screen.getByLabelText('Имя'), 'Алексей');
    await userEvent.type(screen.getByLabelText('Документ, удостоверяющий личность'), 'Паспорт 9200 123456');
    await userEvent.type(screen.getByLabelText('Кадастровый номер земельного участка'), '16:50:011105:123');
    await userEvent.click(submitButton());
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const values = onSubmit.mock.calls[0]?.[0] ?? {};
    expect(values.representative).toBeUndefined();
    expect(values.postal_address).toBeUndefined();
    expect(values.delivery).toBe('in_person');
    expect((values.applicant as Record<string, unknown>).lastName).toBe('Морозов');
  });

  it('checks the digits of an organisation’s ИНН and a СНИЛС', async () => {
    const onSubmit = vi.fn();
    render(<FormRenderer form={FORM} onSubmit={onSubmit} today={TODAY} />);
    await userEvent.click(screen.getByLabelText('Юридическое лицо'));
    const inn = screen.getByLabelText('ИНН');
    await userEvent.type(inn, '7707083894');
    await userEvent.type(screen.getByLabelText('СНИЛС заявителя'), '112-233-445 96');
    await userEvent.click(submitButton());
    expect(errorOf(inn)).toBe('Неверное контрольное число');
    expect(errorOf(screen.getByLabelText('СНИЛС заявителя'))).toBe('Неверное контрольное число');

    // Corrected, the message goes as soon as the value is right.
    await userEvent.clear(inn);
    await userEvent.type(inn, '7707083893');
    expect(inn.getAttribute('aria-invalid')).toBeNull();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the server’s problems under their fields and the rest above the buttons', async () => {
    const { rerender } = render(<FormRenderer form={FORM} onSubmit={vi.fn()} today={TODAY} />);
    rerender(
      <FormRenderer
        form={FORM}
        onSubmit={vi.fn()}
        today={TODAY}
        problems={[
          { field: 'land_cadastral_number', message: 'Участок с таким номером не найден' },
          { field: 'applicant.lastName', message: 'Обязательное поле' },
          { field: 'unknown_field', message: 'Неизвестное поле' },
        ]}
      />,
    );
    const cadastral = screen.getByLabelText('Кадастровый номер земельного участка');
    expect(errorOf(cadastral)).toBe('Участок с таким номером не найден');
    expect(errorOf(screen.getByLabelText('Фамилия'))).toBe('Обязательное поле');
    expect(screen.getByRole('alert').textContent).toContain('Неизвестное поле');
  });

  it('as a preview shows every field, each conditional one with its condition, and nothing to send', () => {
    render(<FormRenderer form={FORM} readOnly />);
    expect(screen.getByLabelText('Почтовый адрес для результата')).toBeTruthy();
    expect(
      screen.getByText(
        /Показывается, если в поле «Способ получения результата» выбрано «Почтовым отправлением»/,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Проверить заявление' })).toBeNull();
    // Every control sits in a disabled fieldset: nothing can be typed.
    const body = screen.getByLabelText('Почтовый адрес для результата').closest('fieldset.service-form-body');
    expect((body as HTMLFieldSetElement | null)?.disabled).toBe(true);
  });
});
