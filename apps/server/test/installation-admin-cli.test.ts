import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snilsWithControl } from '@uslugi/contracts';
import { openDatabase, type Database } from '../src/db/database.js';
import { inTenant } from '../src/db/tenant.js';
import { seedDemoData } from '../src/demo/seed.js';
import { InstallationAdminError, setInstallationAdmin } from '../src/modules/org/installation-admins.js';
import { testDatabase, type TestDatabase } from './harness.js';
import { withCliDatabase } from './support/cli.js';

const KUZNETSOVA = snilsWithControl('178562394'); // Shumikha's operator
const PETROV = snilsWithControl('167459283'); // a Kazan employee
const NOBODY = snilsWithControl('111222333');

async function rolesOf(database: Database, snils: string): Promise<string[][]> {
  const rows = await database.system
    .selectFrom('employees as e')
    .select(
      sql<string[]>`coalesce((select json_agg(r.role order by r.role) from employee_roles r
        where r.employee_id = e.id), '[]'::json)`.as('roles'),
    )
    .where('e.snils', '=', snils)
    .orderBy('e.municipalityId')
    .execute();
  return rows.map((r) => r.roles);
}

async function entries(database: Database, action: string) {
  return database.system
    .selectFrom('journalEntries')
    .select(['municipalityId', 'actorType', 'actorName', 'objectType', 'objectId', 'payload'])
    .where('action', '=', action)
    .execute();
}

/** The bootstrap of a real installation: `npm run installation-admin -- grant|revoke <СНИЛС>`. */
describe('npm run installation-admin', () => {
  let database: TestDatabase;
  let municipalities: Array<{ id: string; oktmo: string }>;

  beforeAll(async () => {
    database = await testDatabase();
    await seedDemoData(database);
    municipalities = await database.system.selectFrom('municipalities').select(['id', 'oktmo']).execute();
  });
  afterAll(() => database.close());

  it('grants the role by СНИЛС, once, journaled as a system action in every municipality', async () => {
    const granted = await setInstallationAdmin(database, {
      grant: true,
      snils: '178-562-394 ' + KUZNETSOVA.slice(9),
    });
    expect(granted).toMatchObject({
      changed: true,
      fullName: 'Кузнецова Ольга Николаевна',
      municipalityName: 'Администрация Шумихинского муниципального округа Курганской области',
      roles: ['operator', 'installation_admin'],
    });
    expect(await rolesOf(database, KUZNETSOVA)).toEqual([['installation_admin', 'operator']]);

    const wide = await entries(database, 'installation_admin.granted');
    expect(wide).toHaveLength(municipalities.length);
    expect(new Set(wide.map((e) => e.municipalityId))).toEqual(new Set(municipalities.map((m) => m.id)));
    for (const entry of wide) {
      expect(entry).toMatchObject({
        actorType: 'system',
        actorName: 'Система',
        objectType: 'installation_admin',
        payload: {
          installationWide: true,
          via: 'npm run installation-admin',
          by: { system: true },
          employee: { fullName: 'Кузнецова Ольга Николаевна' },
        },
      });
    }
    const own = await entries(database, 'employee.roles_assigned');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      actorType: 'system',
      payload: { before: ['operator'], after: ['operator', 'installation_admin'] },
    });

    // A second grant changes nothing and journals nothing.
    expect(await setInstallationAdmin(database, { grant: true, snils: KUZNETSOVA })).toMatchObject({
      changed: false,
    });
    expect(await entries(database, 'installation_admin.granted')).toHaveLength(municipalities.length);
  });

  it('refuses an unknown or malformed СНИЛС and an unknown municipality in Russian, changing nothing', async () => {
    await expect(setInstallationAdmin(database, { grant: true, snils: NOBODY })).rejects.toThrow(
      new InstallationAdminError(
        `Сотрудник с СНИЛС 111-222-333 ${NOBODY.slice(9)} не найден. Сначала заведите сотрудника в его муниципальном образовании`,
      ),
    );
    await expect(setInstallationAdmin(database, { grant: true, snils: '123-456-789 00' })).rejects.toThrow(
      /СНИЛС «123-456-789 00» записан неверно/,
    );
    await expect(
      setInstallationAdmin(database, { grant: true, snils: PETROV, municipality: '99999999' }),
    ).rejects.toThrow(/Муниципальное образование «99999999» не найдено/);
    expect(await rolesOf(database, PETROV)).toEqual([['employee']]);
  });

  it('asks which municipality when the person works in several, and takes the ОКТМО', async () => {
    const kazan = municipalities.find((m) => m.oktmo === '92701000')!;
    await inTenant(database, kazan.id, (tx) =>
      tx
        .insertInto('employees')
        .values({
          municipalityId: kazan.id,
          lastName: 'Кузнецова',
          firstName: 'Ольга',
          middleName: 'Николаевна',
          snils: KUZNETSOVA,
          email: 'o.kuznetsova@demo.kzn.local',
        })
        .execute(),
    );
    await expect(setInstallationAdmin(database, { grant: false, snils: KUZNETSOVA })).rejects.toThrow(
      /есть в нескольких муниципальных образованиях: .*ОКТМО 37542000.*ОКТМО 92701000.*--municipality <ОКТМО>/,
    );
    const revoked = await setInstallationAdmin(database, {
      grant: false,
      snils: KUZNETSOVA,
      municipality: '37542000',
    });
    expect(revoked).toMatchObject({ changed: true, roles: ['operator'] });
    expect(await entries(database, 'installation_admin.revoked')).toHaveLength(municipalities.length);
  });

  // Two starts of the command (tsx, then the database each time): a generous limit for a loaded machine.
  it('runs as a command against the data directory or DATABASE_URL', async () => {
    await withCliDatabase(database, async (cli, copyDir) => {
      const run = (...args: string[]) => cli('installation-admin.ts', ...args);
      const granted = run('grant', PETROV, '--municipality', '92701000');
      expect(granted.status, granted.stderr).toBe(0);
      expect(granted.stdout).toMatch(
        /Петров Андрей Сергеевич \(СНИЛС 167-459-283 \d\d, Исполнительный комитет .*\): назначена роль «Администратор установки»/,
      );
      const unknown = run('grant', NOBODY);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/^Ошибка: Сотрудник с СНИЛС 111-222-333 \d\d не найден/);

      const target = copyDir ? await openDatabase({ dataDir: copyDir, lock: false }) : database;
      try {
        expect(await rolesOf(target, PETROV)).toEqual([['employee', 'installation_admin']]);
      } finally {
        if (copyDir) await target.close();
      }
    });
  }, 180_000);
});
