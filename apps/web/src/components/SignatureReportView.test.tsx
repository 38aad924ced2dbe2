import type { SignatureReport } from '@uslugi/contracts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SignatureReportView } from './SignatureReportView';

const VALID: SignatureReport = {
  status: 'valid',
  valid: true,
  summary: 'Подпись действительна',
  reason: null,
  failures: [],
  indeterminate: [],
  signer: {
    fullName: 'Галиева Алсу Фаритовна',
    title: 'Главный специалист',
    organization: 'Исполнительный комитет г. Казани',
    snils: '112-233-445 95',
    inn: null,
    innLegalEntity: '1655065554',
    ogrn: null,
    serialNumber: '0A1B',
    issuer: 'Тестовый УЦ',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
  },
  signingTime: '2026-06-01T10:00:00.000Z',
  signingTimeNote: 'Время подписи указано подписавшим и не подтверждено штампом времени',
  referenceTime: {
    at: '2026-06-01T10:00:01.000Z',
    source: 'stored',
    description: 'Сертификат проверен на момент сохранения подписи в системе',
  },
  checks: { digest: true, signature: true, chain: true, validity: true, revocation: 'good' },
  chain: ['Галиева Алсу Фаритовна', 'Тестовый УЦ'],
  verifiedAt: '2026-06-02T10:00:00.000Z',
};

const checkLines = () => screen.getAllByTestId('signature-check').map((li) => li.textContent ?? '');

describe('SignatureReportView', () => {
  it('a valid signature: the verdict first, then each check as what was checked and its outcome', () => {
    render(<SignatureReportView report={VALID} />);
    expect(screen.getByTestId('signature-verdict').textContent).toBe('Подпись действительна');
    const lines = checkLines();
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('✓ Целостность документа: документ не изменён после подписания');
    expect(lines.every((line) => line.startsWith('✓'))).toBe(true);
  });

  it('a changed document: «Подпись недействительна», and the integrity check says the document was changed', () => {
    render(
      <SignatureReportView
        report={{
          ...VALID,
          status: 'invalid',
          valid: false,
          summary: 'Документ изменён после подписания',
          reason: 'content_mismatch',
          failures: [{ reason: 'content_mismatch', message: 'Документ изменён после подписания' }],
          checks: { ...VALID.checks, digest: false },
        }}
      />,
    );
    const verdict = screen.getByTestId('signature-verdict').textContent ?? '';
    expect(verdict.startsWith('Подпись недействительна')).toBe(true);
    expect(verdict).toContain('Документ изменён после подписания');
    const lines = checkLines();
    expect(lines[0]).toBe('✗ Целостность документа: документ изменён после подписания');
    expect(lines.filter((line) => line.startsWith('✗'))).toHaveLength(1);
    expect(document.body.textContent).not.toContain('Документ не изменён');
  });

  it('a revocation status that could not be checked: «Не удалось проверить подпись», a warning, not a cross', () => {
    render(
      <SignatureReportView
        report={{
          ...VALID,
          status: 'indeterminate',
          valid: false,
          summary: 'Не удалось проверить статус отзыва сертификата: нет списка отозванных сертификатов',
          reason: 'revocation_unknown',
          indeterminate: [
            {
              reason: 'revocation_unknown',
              message: 'Не удалось проверить статус отзыва сертификата: нет списка отозванных сертификатов',
            },
          ],
          checks: { ...VALID.checks, revocation: 'not_checked' },
        }}
      />,
    );
    expect(screen.getByTestId('signature-verdict').textContent).toMatch(/^Не удалось проверить подпись/);
    expect(checkLines()[4]).toMatch(/^! Отзыв сертификата .*: не удалось проверить: нет списка/);
  });

  it('a file that is not a signature: one message, no list of failed checks', () => {
    const message =
      'Файл не является электронной подписью (CMS/CAdES) или повреждён. Выберите файл отсоединённой подписи к этому документу (обычно .sig или .p7s)';
    render(
      <SignatureReportView
        report={{
          ...VALID,
          status: 'invalid',
          valid: false,
          summary: message,
          reason: 'malformed',
          failures: [{ reason: 'malformed', message }],
          signer: null,
          signingTime: null,
          signingTimeNote: null,
          checks: {
            digest: false,
            signature: false,
            chain: false,
            validity: false,
            revocation: 'not_checked',
          },
          chain: [],
        }}
      />,
    );
    expect(screen.getByTestId('signature-verdict').textContent).toBe(message);
    expect(screen.queryAllByTestId('signature-check')).toHaveLength(0);
    expect(document.body.textContent).not.toMatch(/отозванных/);
  });
});
