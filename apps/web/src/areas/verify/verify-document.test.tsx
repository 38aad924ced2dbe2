import type { PublicDocumentVerification } from '@uslugi/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, portalSession, renderRoutes } from '../../test/render';
import { fakeApi } from '../arm/applications/test-render';
import { VerifyDocumentPage } from './VerifyDocumentPage';

const ID = '6f1d2c3b-1111-4000-8000-000000000001';
const AUTHENTIC: PublicDocumentVerification = {
  documentId: ID,
  title: 'Градостроительный план земельного участка',
  size: 48_213,
  sha256: 'a'.repeat(64),
  streebog256: 'b'.repeat(64),
  verdict: 'authentic',
  verdictTitle: 'Документ подлинный',
  signatures: [
    {
      valid: true,
      summary: 'Подпись действительна',
      owner: 'Галиева Алсу Фаритовна',
      position: 'Начальник управления',
      certificateSerial: '01AB23',
      validFrom: '2026-01-10T09:00:00.000Z',
      validTo: '2027-01-10T09:00:00.000Z',
      signingTime: '2026-11-30T12:15:00.000Z',
      storedAt: '2026-11-30T12:15:01.000Z',
    },
  ],
  verifiedAt: '2026-12-01T08:00:00.000Z',
};

const ROUTES = { '/verify/:id': <VerifyDocumentPage /> };

/** The page the QR code of a signed document opens (000 item 3.5). */
describe('/verify/:id', () => {
  it('an authentic document: the verdict, who signed as the stamp shows, when, the hashes; the upload form', async () => {
    const calls = fakeApi((call) =>
      call.path === `/api/v1/verify/documents/${ID}` ? json(AUTHENTIC) : undefined,
    );
    renderRoutes(`/verify/${ID}`, ROUTES, portalSession(null));
    const verdict = await screen.findByTestId('verify-verdict');
    expect(verdict.textContent).toBe('Документ подлинный');
    expect(verdict.className).toContain('notice-success');
    const section = screen.getByTestId('verify-document');
    expect(section.textContent).toContain('Градостроительный план земельного участка');
    expect(section.textContent).toContain('b'.repeat(64));
    const signature = within(section).getByTestId('verify-signature');
    expect(signature.textContent).toContain('Галиева Алсу Фаритовна, Начальник управления');
    expect(signature.textContent).toContain('01AB23');
    expect(signature.textContent).toContain('Подпись действительна');
    // Anyone checks their own copy with its .sig on the same page.
    expect(screen.getByLabelText(/Файл подписи/)).toBeTruthy();
    expect(screen.getByTestId('verify-submit')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/v1/session')).toBe(false);
  });

  it('an invalid signature and an unsigned document say so', async () => {
    fakeApi((call) =>
      call.path === `/api/v1/verify/documents/${ID}`
        ? json({
            ...AUTHENTIC,
            verdict: 'invalid',
            verdictTitle: 'Подпись недействительна',
            signatures: [
              { ...AUTHENTIC.signatures[0], valid: false, summary: 'Документ изменён после подписания' },
            ],
          })
        : undefined,
    );
    renderRoutes(`/verify/${ID}`, ROUTES, portalSession(null));
    const verdict = await screen.findByTestId('verify-verdict');
    expect(verdict.textContent).toBe('Подпись недействительна');
    expect(verdict.className).toContain('notice-error');
    expect(screen.getByTestId('verify-signature').textContent).toContain('Документ изменён после подписания');
  });

  it('an unknown id: not found, and the upload form stays', async () => {
    fakeApi(() => undefined);
    renderRoutes('/verify/nope', ROUTES, portalSession(null));
    expect((await screen.findByTestId('verify-document-missing')).textContent).toBe(
      'Документ с таким идентификатором в системе не найден.',
    );
    expect(screen.queryByTestId('verify-verdict')).toBeNull();
    expect(screen.getByTestId('verify-submit')).toBeTruthy();
  });
});
