import type { ApplicantRecord, SessionUser } from '@uslugi/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPERATOR, json, renderPage } from '../../test/render';
import { ApplicantForm } from './ApplicantForm';

const EMPLOYEE: SessionUser = {
  ...OPERATOR,
  roles: ['employee'],
  permissions: ['arm.access', 'applicants.read', 'applicants.manage'],
};

const EXISTING: ApplicantRecord = {
  id: 'r1',
  kind: 'individual',
  displayName: 'Сидоров Пётр Ильич',
  data: { kind: 'individual', birthDate: '1980-05-17' },
  esiaLinked: false,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
};

afterEach(() => vi.unstubAllGlobals());

async function fillPerson() {
  await userEvent.type(screen.getByLabelText('Фамилия'), 'Сидоров');
  await userEvent.type(screen.getByLabelText('Имя'), 'Пётр');
  await userEvent.type(screen.getByLabelText('Дата рождения'), '1980-05-17');
}

describe('ApplicantForm', () => {
  it('refuses a wrong СНИЛС and an organisation’s wrong ИНН before sending, naming the field', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderPage(<ApplicantForm onSaved={vi.fn()} />, EMPLOYEE);
    await fillPerson();
    await userEvent.type(screen.getByLabelText('СНИЛС'), '112-233-445 99');
    await userEvent.click(screen.getByRole('button', { name: 'Внести в реестр' }));
    await waitFor(() =>
      expect(document.querySelector('.field-error')?.textContent).toBe('СНИЛС: Неверное контрольное число'),
    );

    await userEvent.selectOptions(screen.getByLabelText('Вид заявителя'), 'legal_entity');
    await userEvent.type(screen.getByLabelText('Полное наименование'), 'ООО «Ромашка»');
    await userEvent.type(screen.getByLabelText('ОГРН'), '1021600000110');
    await userEvent.type(screen.getByLabelText('ИНН'), '1650000010');
    await userEvent.type(screen.getByLabelText('КПП'), '165001001');
    await userEvent.type(screen.getByLabelText('Руководитель (ФИО)'), 'Лаптев Олег Сергеевич');
    await userEvent.click(screen.getByRole('button', { name: 'Внести в реестр' }));
    expect(await screen.findByText(/^ИНН: /)).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows likely duplicates: «Это другой человек — создать» sends again with duplicatesSeen', async () => {
    const bodies: unknown[] = [];
    const created: ApplicantRecord = { ...EXISTING, id: 'r2' };
    vi.stubGlobal(
      'fetch',
      vi.fn((input: string, init?: RequestInit) => {
        const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
          duplicatesSeen?: boolean;
        };
        if (init?.method === 'POST' && input.endsWith('/api/v1/arm/applicants')) bodies.push(body);
        return Promise.resolve(
          body.duplicatesSeen
            ? json(created, 201)
            : json(
                {
                  code: 'applicant_duplicates',
                  message: 'Возможно, заявитель уже есть в реестре',
                  requestId: 'q1',
                  items: [{ record: EXISTING, matchedBy: 'name', similarity: 0.8 }],
                },
                409,
              ),
        );
      }),
    );
    const onSaved = vi.fn();
    renderPage(<ApplicantForm onSaved={onSaved} />, EMPLOYEE);
    await fillPerson();
    await userEvent.click(screen.getByRole('button', { name: 'Внести в реестр' }));
    const notice = await screen.findByTestId('applicant-duplicates');
    expect(notice.textContent).toContain('Возможно, заявитель уже есть в реестре');
    expect(notice.textContent).toContain('Сидоров Пётр Ильич, 17.05.1980');
    await userEvent.click(screen.getByRole('button', { name: 'Это другой человек — создать' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(created));
    expect(bodies).toMatchObject([{ duplicatesSeen: false }, { duplicatesSeen: true }]);
  });

  it('picks the existing record from the duplicates list', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          json(
            {
              code: 'applicant_duplicates',
              message: 'Возможно',
              requestId: 'q1',
              items: [{ record: EXISTING, matchedBy: 'snils', similarity: 1 }],
            },
            409,
          ),
        ),
      ),
    );
    const onSaved = vi.fn();
    renderPage(<ApplicantForm onSaved={onSaved} />, EMPLOYEE);
    await fillPerson();
    await userEvent.click(screen.getByRole('button', { name: 'Внести в реестр' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Выбрать' }));
    expect(onSaved).toHaveBeenCalledWith(EXISTING);
  });
});
