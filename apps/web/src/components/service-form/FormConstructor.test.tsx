import type { FormDefinition } from '@uslugi/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { field } from '../../test/catalog-fixtures';
import { FormConstructor } from './FormConstructor';

const START: FormDefinition = {
  sections: [
    {
      key: 'main',
      title: 'Основные сведения',
      fields: [
        field('phone', 'Телефон для связи', 'phone'),
        field('by_post', 'Получить результат почтой', 'checkbox'),
        field('address', 'Почтовый адрес', 'address'),
      ],
    },
  ],
};

/** The constructor as a host holds it: the definition in state, each change kept. */
function Host({ onChange }: { onChange?: (form: FormDefinition) => void }) {
  const [form, setForm] = useState(START);
  return (
    <FormConstructor
      value={form}
      onChange={(next) => {
        setForm(next);
        onChange?.(next);
      }}
    />
  );
}

const editor = () => screen.getByTestId('form-constructor').querySelector('.fc-editor') as HTMLElement;
const preview = () => screen.getByRole('form', { name: 'Предпросмотр формы' });
const fieldTitles = () =>
  Array.from(editor().querySelectorAll('.fc-toggle')).map((b) => b.firstChild?.textContent ?? '');

describe('the form constructor', () => {
  it('adds a field, labels it and makes it required; the preview shows it at once', async () => {
    const onChange = vi.fn<(form: FormDefinition) => void>();
    render(<Host onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: /Добавить поле/ }));
    // The new field's editor is open and its label has the focus.
    const label = screen.getByLabelText('Надпись');
    expect(document.activeElement).toBe(label);
    await userEvent.clear(label);
    await userEvent.type(label, 'Кадастровый номер');
    await userEvent.selectOptions(screen.getByLabelText('Тип'), 'cadastral_number');
    await userEvent.click(screen.getByLabelText('Обязательное'));

    expect(within(preview()).getByLabelText('Кадастровый номер')).toBeTruthy();
    const last = onChange.mock.calls.at(-1)?.[0];
    const added = last?.sections[0]?.fields[3];
    expect(added).toMatchObject({
      key: 'field_1',
      label: 'Кадастровый номер',
      type: 'cadastral_number',
      required: true,
    });
    // The preview checks the new field as applicants will be checked.
    await userEvent.click(within(preview()).getByRole('button', { name: 'Проверить заполнение' }));
    expect(within(preview()).getByText('Обязательное поле')).toBeTruthy();
  });

  it('moves fields up and down with buttons, keeping the focus on the moved field', async () => {
    render(<Host />);
    const down = screen.getByRole('button', { name: 'Ниже поле «Телефон для связи»' });
    await userEvent.click(down);
    expect(fieldTitles()).toEqual(['Получить результат почтой', 'Телефон для связи', 'Почтовый адрес']);
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Ниже поле «Телефон для связи»' }),
    );
    // The keyboard goes on from there: Enter moves it once more.
    await userEvent.keyboard('{Enter}');
    expect(fieldTitles()).toEqual(['Получить результат почтой', 'Почтовый адрес', 'Телефон для связи']);
    expect(
      screen.getByRole('button', { name: 'Ниже поле «Телефон для связи»' }).hasAttribute('disabled'),
    ).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Выше поле «Почтовый адрес»' }));
    expect(fieldTitles()).toEqual(['Почтовый адрес', 'Получить результат почтой', 'Телефон для связи']);
  });

  it('a field moved up from a section’s top goes to the end of the section above; a section is removed', async () => {
    render(<Host />);
    await userEvent.click(screen.getByRole('button', { name: 'Добавить раздел' }));
    expect(document.activeElement).toBe(screen.getAllByLabelText('Название раздела')[1]);
    await userEvent.click(screen.getAllByRole('button', { name: /Добавить поле/ })[1] as HTMLElement);
    await userEvent.click(screen.getByRole('button', { name: 'Выше поле «Новое поле»' }));
    expect(fieldTitles()).toEqual([
      'Телефон для связи',
      'Получить результат почтой',
      'Почтовый адрес',
      'Новое поле',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Удалить раздел «Новый раздел»' }));
    expect(screen.getAllByLabelText('Название раздела')).toHaveLength(1);
  });

  it('sets a condition: the preview shows the field only when the other one is checked', async () => {
    render(<Host />);
    expect(within(preview()).getByLabelText('Почтовый адрес')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /^Почтовый адрес/ }));
    await userEvent.selectOptions(screen.getByLabelText('Показывать'), 'by_post');
    // The condition names only the fields above this one.
    expect(
      Array.from(screen.getByLabelText<HTMLSelectElement>('Показывать').options).map((o) => o.value),
    ).toEqual(['', 'phone', 'by_post']);
    expect(within(preview()).queryByLabelText('Почтовый адрес')).toBeNull();
    await userEvent.click(within(preview()).getByLabelText('Получить результат почтой'));
    expect(within(preview()).getByLabelText('Почтовый адрес')).toBeTruthy();
  });

  it('edits the options of a choice and a pattern with its message', async () => {
    const onChange = vi.fn<(form: FormDefinition) => void>();
    render(<Host onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: /^Телефон для связи/ }));
    await userEvent.selectOptions(screen.getByLabelText('Тип'), 'choice');
    await userEvent.click(screen.getByRole('button', { name: 'Добавить вариант' }));
    const second = screen.getByLabelText('Вариант 2: надпись');
    await userEvent.clear(second);
    await userEvent.type(second, 'Почтой');
    expect(within(preview()).getByLabelText('Почтой')).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Тип'), 'text');
    await userEvent.type(screen.getByLabelText('Шаблон (регулярное выражение)'), '\\d{{4}');
    await userEvent.type(screen.getByLabelText('Сообщение, если не соответствует'), 'Четыре цифры');
    const last = onChange.mock.calls.at(-1)?.[0]?.sections[0]?.fields[0];
    expect(last?.options).toBeNull();
    expect(last?.validation).toMatchObject({ pattern: '\\d{4}', patternMessage: 'Четыре цифры' });
    await userEvent.type(within(preview()).getByLabelText('Телефон для связи'), '12');
    await userEvent.click(within(preview()).getByRole('button', { name: 'Проверить заполнение' }));
    expect(within(preview()).getByText('Четыре цифры')).toBeTruthy();
  });
});
