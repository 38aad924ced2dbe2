import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acceptance } from '@uslugi/contracts';
import { applicantRecord, intakeWorld, paperBody, serviceIdOf, type IntakeWorld } from './intake-support.js';

/**
 * Registration numbers are consecutive without gaps (000 item 3.2): the counter's row lock queues
 * parallel acceptances in their transactions (on PGlite and on PostgreSQL).
 */
describe('registration numbers under load', () => {
  let w: IntakeWorld;
  beforeAll(async () => {
    w = await intakeWorld();
  });
  afterAll(() => w.t.close());

  it('50 parallel acceptances give the numbers 1..50', async () => {
    const kazan = w.petrov.municipalityId;
    const gpzu = await serviceIdOf(w.t, kazan, 'gpzu');
    const applicant = await applicantRecord(w.petrov);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        w.petrov.request({
          method: 'POST',
          url: '/api/v1/arm/intake/paper/accept',
          payload: paperBody(gpzu, applicant),
        }),
      ),
    );
    for (const res of responses) expect(res.statusCode, res.body).toBe(201);
    const numbers = responses.map((res) => (res.json() as Acceptance).registrationNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `${String(i + 1).padStart(5, '0')}/2026`));
  }, 120_000);
});
