import { loadConfig } from '../config.js';
import { openExistingDatabase } from './existing-database.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { migrationStatus } from '../db/migrate.js';
import { InstallationAdminError, setInstallationAdmin } from '../modules/org/index.js';

// npm run installation-admin -- grant|revoke <СНИЛС> [--municipality <id or ОКТМО>]
const USAGE =
  'Использование: npm run installation-admin -- grant|revoke <СНИЛС> [--municipality <идентификатор или ОКТМО>]\n' +
  '  grant  — назначить сотруднику роль «Администратор установки»\n' +
  '  revoke — снять её';

function parse(argv: string[]) {
  const [command, snils, ...rest] = argv;
  if ((command !== 'grant' && command !== 'revoke') || !snils) return undefined;
  let municipality: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--municipality' && rest[i + 1]) municipality = rest[++i];
    else if (arg?.startsWith('--municipality=')) municipality = arg.slice('--municipality='.length);
    else return undefined;
  }
  return { grant: command === 'grant', snils, municipality };
}

const args = parse(process.argv.slice(2));
if (!args) {
  console.error(USAGE);
  process.exit(2);
}
const config = loadConfig();
try {
  const database = await openExistingDatabase(config);
  try {
    const { pending } = await migrationStatus(database);
    if (pending.length > 0) {
      throw new InstallationAdminError(
        `база данных не обновлена (не применены миграции ${pending.join(', ')}): выполните npm run migrate`,
      );
    }
    const result = await setInstallationAdmin(database, args);
    const who = `${result.fullName} (СНИЛС ${result.snils}, ${result.municipalityName})`;
    if (!result.changed) {
      console.log(
        args.grant
          ? `${who} уже администратор установки; ничего не изменено`
          : `${who} не администратор установки; ничего не изменено`,
      );
    } else {
      console.log(
        args.grant
          ? `${who}: назначена роль «Администратор установки». Запись внесена в журнал каждого муниципального образования`
          : `${who}: роль «Администратор установки» снята. Запись внесена в журнал каждого муниципального образования`,
      );
    }
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof InstallationAdminError || error instanceof DataDirLockedError) {
    console.error(`Ошибка: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
