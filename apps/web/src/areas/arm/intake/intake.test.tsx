import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/render';
import { ACCEPTANCE, APPLICATION, CLERK, HIDDEN_SERVICE, SERVICE, VERSION } from '../applications/fixtures';
import { fakeApi, renderRoutes, type Call } from '../applications/test-render';
import { HELD_NOTE, INTERAGENCY_NOTE } from './checklist-model';
import { PaperIntakePage } from './PaperIntakePage';

const RECORD = {
  id: 'r1',
  kind: 'individual' as const,
  displayName: 'Морозов Андрей Викторович',
  data: {},
  esiaLinked: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const AUTHORITY = {
  id: 'au1',
  applicantId: 'r1',
  applicantName: RECORD.displayName,
  representativeId: 'r1',
  representativeName: RECORD.displayName,
  kind: 'power_of_attorney' as const,
  documentNumber: '12',
  documentDate: '2025-11-01',
  validUntil: '2026-11-01',
  serviceIds: [],
  scopeText: '',
  revokedAt: null,
  createdAt: '2025-11-01T00:00:00Z',
};
const HELD_TITLE = {
  id: 'h1',
  documentType: 'title_deed',
  documentTypeName: 'Правоустанавливающий документ',
  title: 'Свидетельство о праве собственности',
  validUntil: null,
  source: 'application' as const,
  sourceLabel: 'из заявления № 00007/2026',
  receivedAt: '2026-06-01T09:00:00Z',
  file: null,
};
// A scan chosen in the checklist is stored by the upload component (POST /api/v1/arm/files).
const { SCAN } = vi.hoisted(() => ({
  SCAN: {
    id: 'f9',
    fileName: 'проект.pdf',
    mediaType: 'application/pdf',
    size: 1000,
    sha256: 'x',
    scan: 'clean' as const,
    uploadedAt: '2026-12-02T09:00:00Z',
  },
}));
vi.mock('../../../components/file-upload/upload', async (original) => ({
  ...(await original<typeof import('../../../components/file-upload/upload')>()),
  uploadFile: vi.fn((options: { endpoint: string }) =>
    options.endpoint === '/api/v1/arm/files' ? Promise.resolve(SCAN) : Promise.reject(new Error('endpoint')),
  ),
}));

function serve(accept: (call: Call) => Response) {
  return fakeApi((call) => {
    if (call.path === '/api/v1/catalog/services') return json({ items: [SERVICE, HIDDEN_SERVICE] });
    if (call.path === '/api/v1/catalog/versions/v1') return json(VERSION);
    if (call.path === '/api/v1/arm/applicants')
      return json({ items: [{ record: RECORD, matchedBy: 'name', similarity: 0.9 }] });
    if (call.path === '/api/v1/arm/applicants/r1')
      return json({ record: RECORD, authorities: [], heldDocuments: [HELD_TITLE] });
    if (call.path === '/api/v1/arm/applicants/r2')
      return json({ record: { ...RECORD, id: 'r2' }, authorities: [], heldDocuments: [] });
    if (call.path === '/api/v1/arm/intake/paper/accept') return accept(call);
    if (call.path === '/api/v1/arm/intake/paper/refuse')
      return json({
        ...APPLICATION,
        id: 'a7',
        status: 'intake_refused',
        refusal: {
          grounds: [{ key: 'no_authority', text: 'Не подтверждены полномочия представителя' }],
          comment: 'Нет доверенности',
        },
      });
    if (call.path === '/api/v1/arm/authorities') return json({ items: [AUTHORITY] });
    if (call.path === '/api/v1/arm/authorities/au1/check')
      return json({ ok: false, problem: 'Срок действия доверенности № 12 истёк 01.11.2026' });
    return undefined;
  });
}

/** The applicants registry's picker: typed, found, chosen. */
async function chooseApplicant(label: string) {
  await userEvent.type(await screen.findByRole('searchbox', { name: label }), 'Морозов');
  await userEvent.click(await screen.findByRole('button', { name: /Морозов Андрей Викторович/ }));
}

/** 000 п. 3.2 up to «Принять документы»: the applicant, the service with its documents and term. */
async function openIntake() {
  renderRoutes(CLERK, '/arm/intake', { '/arm/intake': <PaperIntakePage /> });
  await chooseApplicant('Заявитель');
  const select = screen.getByRole('combobox', { name: 'Услуга' });
  expect(within(select).queryByText(HIDDEN_SERVICE.name)).toBeNull();
  await userEvent.selectOptions(select, SERVICE.id);
  const card = await screen.findByTestId('intake-service-card');
  expect(card.textContent).toContain('Срок предоставления услуги: 14 рабочих дней');
  expect(card.textContent).toContain('Проектная документация');
  await userEvent.click(screen.getByRole('button', { name: 'Принять документы' }));
  return screen.findByTestId('intake-checklist');
}

describe('paper intake (000 п. 3.2)', () => {
  it('demands neither the inter-agency documents nor those already held, and «Принять» shows the number', async () => {
    const calls = serve(() => json(ACCEPTANCE));
    const checklist = await openIntake();

    // Inter-agency: named as requested by the administration, with nothing to mark or attach.
    const interagency = within(checklist).getByTestId('checklist-interagency');
    expect(interagency.textContent).toContain(
      `Выписка из ЕГРН об объекте недвижимости — ${INTERAGENCY_NOTE}`,
    );
    expect(within(checklist).queryByRole('group', { name: /Выписка из ЕГРН/ })).toBeNull();
    expect(within(checklist).queryByTestId('checklist-egrn')).toBeNull();
    // Held: «Уже есть в администрации», with its provenance, and no controls.
    const title = within(checklist).getByTestId('checklist-title');
    expect(title.textContent).toContain(HELD_NOTE);
    expect(title.textContent).toContain('из заявления № 00007/2026');
    expect(within(title).queryByRole('radio')).toBeNull();

    // Nothing marked: each document the applicant must bring is named at its row, nothing is sent.
    await userEvent.type(screen.getByRole('textbox', { name: /Наименование объекта/ }), 'Жилой дом');
    await userEvent.click(screen.getByRole('button', { name: 'Принять' }));
    const application = within(checklist).getByTestId('checklist-application');
    expect(
      await within(application).findByText('Не отмечен документ «Заявление о присвоении адреса»'),
    ).toBeTruthy();
    // The application: presented as an original, 2 sheets.
    await userEvent.click(within(application).getByRole('radio', { name: 'подлинник' }));
    await userEvent.type(within(application).getByRole('spinbutton', { name: 'Количество листов' }), '2');

    const project = within(checklist).getByTestId('checklist-project');
    expect(within(project).getByText('Не отмечен документ «Проектная документация»')).toBeTruthy();
    // The project's scan is required by the form: marked as a copy, «Принять» stops at its row until
    // the scan is attached.
    await userEvent.click(within(project).getByRole('radio', { name: 'копия' }));
    await userEvent.click(screen.getByRole('button', { name: 'Принять' }));
    expect(await within(project).findByText('Обязательное поле')).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/paper/accept'))).toBe(false);

    calls.length = 0;
    await userEvent.upload(
      within(project).getByLabelText('Скан-копия: Проектная документация'),
      new File(['%PDF'], 'проект.pdf', { type: 'application/pdf' }),
    );
    expect(await within(project).findByText('проект.pdf')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Принять' }));

    const result = await screen.findByTestId('acceptance-result');
    expect(within(result).getByTestId('registration-number').textContent).toBe('00001/2026');
    expect(result.textContent).toContain('срок предоставления услуги — до 21.12.2026');
    const sent = calls.find((c) => c.path === '/api/v1/arm/intake/paper/accept')?.body as Record<
      string,
      unknown
    >;
    expect(sent).toMatchObject({
      serviceId: 's1',
      applicantId: 'r1',
      representativeId: null,
      authorityId: null,
      receivedAt: null,
      values: { object_name: 'Жилой дом', project: ['f9'] },
    });
    expect(sent.checklist).toEqual([
      { documentKey: 'application', presented: 'original', fileIds: [], sheets: 2 },
      { documentKey: 'project', presented: 'copy', fileIds: ['f9'], sheets: null },
      { documentKey: 'title', presented: 'none', fileIds: [], sheets: null },
    ]);
  });

  it('puts the server’s 422 problems at their fields', async () => {
    serve(() =>
      json(
        {
          code: 'validation_failed',
          message: 'Заявление заполнено с ошибками',
          requestId: 'q1',
          fields: [
            { path: 'values.object_name', message: 'Такого объекта нет' },
            { path: 'checklist.1.fileIds', message: 'Файл уже приложен к другому заявлению' },
            { path: 'checklist.title', message: 'Не отмечен документ «Правоустанавливающий документ»' },
          ],
        },
        422,
      ),
    );
    const checklist = await openIntake();
    await userEvent.click(
      within(within(checklist).getByTestId('checklist-application')).getByRole('radio', {
        name: 'подлинник',
      }),
    );
    const project = within(checklist).getByTestId('checklist-project');
    await userEvent.click(within(project).getByRole('radio', { name: 'копия' }));
    await userEvent.upload(
      within(project).getByLabelText('Скан-копия: Проектная документация'),
      new File(['%PDF'], 'проект.pdf', { type: 'application/pdf' }),
    );
    await within(project).findByText('проект.pdf');
    await userEvent.type(screen.getByRole('textbox', { name: /Наименование объекта/ }), 'Сарай');
    await userEvent.click(screen.getByRole('button', { name: 'Принять' }));
    expect(await screen.findByText('Такого объекта нет')).toBeTruthy();
    expect(within(project).getByText('Файл уже приложен к другому заявлению')).toBeTruthy();
    expect(
      within(within(checklist).getByTestId('checklist-title')).getByText(/Не отмечен документ/),
    ).toBeTruthy();
    expect(screen.getByText(/Заявление заполнено с ошибками/)).toBeTruthy();
  });
});

describe('paper intake: representative and refusal', () => {
  it('blocks «Принять документы» when the representative’s grounds do not hold for the service', async () => {
    serve(() => json(ACCEPTANCE));
    renderRoutes(CLERK, '/arm/intake', { '/arm/intake': <PaperIntakePage /> });
    await chooseApplicant('Заявитель');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Документы подаёт представитель заявителя' }));
    await chooseApplicant('Представитель заявителя');
    await userEvent.click(await screen.findByRole('radio', { name: /Доверенность № 12/ }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Услуга' }), SERVICE.id);
    expect((await screen.findByTestId('authority-problem')).textContent).toBe(
      'Срок действия доверенности № 12 истёк 01.11.2026',
    );
    expect(screen.getByText(/принять документы от представителя нельзя/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Принять документы' }).disabled).toBe(true);
  });

  it('«Отказать» at the desk sends the grounds, the comment and who applied', async () => {
    const calls = serve(() => json(ACCEPTANCE));
    await openIntake();
    await userEvent.click(screen.getByRole('button', { name: 'Отказать' }));
    const dialog = await screen.findByRole('dialog', { name: 'Отказ в приёме документов' });
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Не подтверждены полномочия/ }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Комментарий' }), 'Нет доверенности');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отказать' }));
    expect(await screen.findByText(/В приёме документов отказано/)).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/arm/intake/paper/refuse')?.body).toEqual({
      grounds: ['no_authority'],
      comment: 'Нет доверенности',
      serviceId: 's1',
      applicantId: 'r1',
      representativeId: null,
      authorityId: null,
      receivedAt: null,
    });
    const refused = screen.getByTestId('intake-refused');
    expect(refused.textContent).toContain('Не подтверждены полномочия представителя');
    expect(refused.textContent).toContain('Комментарий: Нет доверенности');
  });
});
