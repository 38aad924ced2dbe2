import { snilsWithControl } from '@uslugi/contracts';
import type { Database } from '../db/database.js';
import { runQuery, type CommandContext } from '../platform/commands.js';
import { SYSTEM_ACTOR } from '../platform/journal/append.js';
import { findMunicipality } from '../modules/municipalities/index.js';
import { issueEmployeeCertificate } from '../modules/signing/index.js';
import type { Pki } from '../platform/pki/installation.js';
import { DEMO_LOCK, DEMO_MUNICIPALITIES } from './seed.js';

/** The PIN of every demo employee's key; `npm start` prints it. Demo mode never runs in production. */
export const DEMO_PIN = '123456';

/**
 * Issues each demo employee a qualified-style certificate from the installation's test CA, once: an
 * employee who ever had one (even revoked by the operator since) is left alone. Returns how many.
 */
export async function issueDemoCertificates(
  database: Database,
  pki: Pki,
  only?: { lastNames: readonly string[] },
): Promise<number> {
  // Under the demo lock: two processes starting at once would each issue the same employee one.
  return database.withAdvisoryLock(DEMO_LOCK, async () => {
    let issued = 0;
    for (const m of DEMO_MUNICIPALITIES) {
      const municipality = await findMunicipality(database.system, { oktmo: m.oktmo });
      if (!municipality) continue;
      const ctx: CommandContext = { database, municipalityId: municipality.id, actor: SYSTEM_ACTOR };
      const snils = m.employees
        .filter((e) => !only || only.lastNames.includes(e.lastName))
        .map((e) => snilsWithControl(e.snils9));
      if (snils.length === 0) continue;
      const employees = await runQuery(ctx, (tx) =>
        tx
          .selectFrom('employees as e')
          .select('e.id')
          .where('e.snils', 'in', snils)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('signingCertificates as c')
                  .select('c.id')
                  .whereRef('c.employeeId', '=', 'e.id'),
              ),
            ),
          )
          .orderBy('e.lastName')
          .execute(),
      );
      for (const employee of employees) {
        // The demo PIN is published in the README for the demo's people, who are invented: it counts
        // as set by the owner, so demo keys sign at once. An operator's issuance never does.
        await issueEmployeeCertificate(ctx, pki, {
          employeeId: employee.id,
          pin: DEMO_PIN,
          pinSetByOwner: true,
        });
        issued++;
      }
    }
    return issued;
  });
}
