import type { CaseDocumentFile, CaseDocuments as CaseDocumentsView } from '@uslugi/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/render';
import { fakeApi, renderRoutes } from '../applications/test-render';
import { CaseDocuments } from './CaseDocuments';
import { EXECUTOR } from './fixtures';

const upload = vi.hoisted(() => ({ uploadFile: vi.fn() }));
vi.mock('../../../components/file-upload/upload', async (original) => ({
  ...(await original<typeof import('../../../components/file-upload/upload')>()),
  uploadFile: upload.uploadFile,
}));

const file = (id: string, format: 'pdf' | 'docx', version: number, extra: Partial<CaseDocumentFile> = {}) =>
  ({
    id,
    fileName: `Проект.${format}`,
    mediaType: format === 'pdf' ? 'application/pdf' : 'application/docx',
    format,
    version,
    createdAt: '2026-11-30T09:00:00.000Z',
    author: 'Галиева Алсу Ренатовна',
    size: 20_480,
    sha256: `${id}-sha`,
    streebog256: `${id}-streebog`,
    signatures: [],
    ...extra,
  }) satisfies CaseDocumentFile;

const RESULT = {
  id: 'r2',
  kind: 'result' as const,
  kindTitle: 'Результат предоставления услуги',
  title: 'Градостроительный план № 00012/2026 (проект)',
  status: 'ready' as const,
  statusTitle: 'Сформирован',
  error: null,
  requestedAt: '2026-11-30T09:00:00.000Z',
  pdf: file('pdf2', 'pdf', 2, {
    signatures: [
      {
        id: 's1',
        signer: 'Сафин Ильдар Маратович',
        signingTime: '2026-11-30T12:00:00.000Z',
        valid: true,
        certificateSerial: '01AB',
        summary: 'Подпись действительна',
      },
    ],
  }),
  docx: file('docx2', 'docx', 2),
  previousVersions: [file('pdf1', 'pdf', 1), file('docx1', 'docx', 1)],
  canUploadVersion: true,
};

const NOTICE = {
  ...RESULT,
  id: 'n1',
  kind: 'applicant_notice' as const,
  kindTitle: 'Уведомление заявителя',
  title: 'Уведомление заявителя',
  status: 'pending' as const,
  statusTitle: 'Формируется',
  pdf: null,
  docx: null,
  previousVersions: [],
  canUploadVersion: false,
};

const FAILED = {
  ...NOTICE,
  id: 'f1',
  kind: 'intra_request' as const,
  title: 'Внутриведомственный запрос',
  status: 'failed' as const,
  statusTitle: 'Не сформирован',
  error: 'Для поля шаблона нет данных: request.question',
};

const ROUTES = { '/arm/cases/:id': <CaseDocuments caseId="c1" /> };

beforeEach(() => upload.uploadFile.mockReset());

/** The case card's documents (000 item 2.5). */
describe('CaseDocuments', () => {
  it('a table per document: status, «Скачать PDF»/«Скачать DOCX», signatures with .sig, versions, the reason of a failure', async () => {
    const view: CaseDocumentsView = { items: [RESULT, FAILED], pending: false, others: [] };
    fakeApi((call) => (call.path === '/api/v1/arm/cases/c1/documents' ? json(view) : undefined));
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    const result = await screen.findByTestId('case-document-result');
    expect(within(result).getByTestId('document-status').textContent).toBe('Сформирован');
    expect(within(result).getByRole('link', { name: 'Скачать PDF' }).getAttribute('href')).toBe(
      '/api/v1/arm/cases/c1/documents/pdf2',
    );
    expect(within(result).getByRole('link', { name: 'Скачать DOCX' }).getAttribute('href')).toBe(
      '/api/v1/arm/cases/c1/documents/docx2',
    );
    const signature = within(result).getByTestId('document-signature');
    expect(signature.textContent).toContain('Сафин Ильдар Маратович');
    expect(signature.textContent).toContain('01AB');
    expect(signature.textContent).toContain('Подпись действительна');
    expect(within(signature).getByRole('link', { name: 'Подпись (.sig)' }).getAttribute('href')).toBe(
      '/api/v1/arm/cases/c1/documents/pdf2/signatures/s1',
    );
    expect(result.textContent).toContain('pdf2-streebog');
    const versions = within(result).getByTestId('document-versions');
    expect(versions.textContent).toContain('Предыдущие редакции (2)');
    expect(
      within(versions)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/api/v1/arm/cases/c1/documents/pdf1', '/api/v1/arm/cases/c1/documents/docx1']);
    const failed = screen.getByTestId('case-document-intra_request');
    expect(within(failed).getByTestId('document-status').textContent).toBe('Не сформирован');
    expect(failed.textContent).toContain('Причина: Для поля шаблона нет данных: request.question');
    expect(within(failed).queryByText('Загрузить новую редакцию (DOCX)')).toBeNull();
  });

  it('«Формируется» is asked again until the document is made', async () => {
    let asked = 0;
    fakeApi((call) => {
      if (call.path !== '/api/v1/arm/cases/c1/documents') return undefined;
      asked += 1;
      const ready = { ...NOTICE, status: 'ready', statusTitle: 'Сформирован', pdf: file('n-pdf', 'pdf', 1) };
      return json(
        asked === 1
          ? { items: [NOTICE], pending: true, others: [] }
          : { items: [ready], pending: false, others: [] },
      );
    });
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    const notice = await screen.findByTestId('case-document-applicant_notice');
    expect(within(notice).getByTestId('document-status').textContent).toBe('Формируется');
    await waitFor(
      () => expect(within(notice).getByTestId('document-status').textContent).toBe('Сформирован'),
      { timeout: 6000 },
    );
    expect(within(notice).getByRole('link', { name: 'Скачать PDF' })).toBeTruthy();
    const settled = asked;
    await new Promise((resolve) => setTimeout(resolve, 3500));
    // Nothing is forming any more: no more polling.
    expect(asked).toBe(settled);
  }, 15_000);

  it('the executor uploads a new DOCX version; the list is read again', async () => {
    let asked = 0;
    fakeApi((call) => {
      if (call.path !== '/api/v1/arm/cases/c1/documents') return undefined;
      asked += 1;
      return json({ items: [RESULT], pending: false, others: [] });
    });
    upload.uploadFile.mockResolvedValue({ documentId: 'docx3', version: 3, renderId: 'r3' });
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    const input = await screen.findByLabelText('Загрузить новую редакцию (DOCX)');
    const docx = new File(['PK'], 'Проект исправленный.docx', {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    await userEvent.upload(input, docx);
    await screen.findByText('Новая редакция загружена, PDF формируется.');
    expect(upload.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({ endpoint: '/api/v1/arm/cases/c1/documents/docx2/versions', file: docx }),
    );
    expect(asked).toBeGreaterThanOrEqual(2);
  });

  it('no upload control for whoever may not upload', async () => {
    fakeApi((call) =>
      call.path === '/api/v1/arm/cases/c1/documents'
        ? json({ items: [{ ...RESULT, canUploadVersion: false }], pending: false, others: [] })
        : undefined,
    );
    renderRoutes(EXECUTOR, '/arm/cases/c1', ROUTES);
    await screen.findByTestId('case-document-result');
    expect(screen.queryByLabelText('Загрузить новую редакцию (DOCX)')).toBeNull();
  });
});
