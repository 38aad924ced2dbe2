import { readFileSync } from 'node:fs';
import { verifyBundle, type VerifyOptions } from './verify.js';

/**
 * uslugi-journal-verify <выписка.json> [--earlier <выписка.json>] [--heads <heads.jsonl>]
 *                       [--ca <корневой сертификат .cer/.pem>]
 * Exit code: 0 every check holds, 1 one does not, 2 usage or a file that cannot be read.
 */

const USAGE = `Проверка выписки из журнала операций без доступа к системе.

Использование:
  uslugi-journal-verify <выписка.json> [--earlier <выписка.json>] [--heads <heads.jsonl>] [--ca <корневой сертификат .cer/.pem>]

  --earlier  более ранняя выписка: проверить, что журнал не переписан между выписками
  --heads    файл опубликованных голов журнала (JSON Lines): сверить голову выписки с опубликованной
  --ca       корневой сертификат удостоверяющего центра установки: цепочка должна оканчиваться им

Код завершения: 0 — выписка прошла все проверки, 1 — не прошла, 2 — ошибка запуска или чтения файла.`;

class UsageError extends Error {}
class FileError extends Error {}

function parseArgs(argv: readonly string[]): { file: string; earlier?: string; heads?: string; ca?: string } {
  const options: { earlier?: string; heads?: string; ca?: string } = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = { '--earlier': 'earlier', '--heads': 'heads', '--ca': 'ca' }[arg] as
      keyof typeof options | undefined;
    if (flag) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`после ${arg} нужен путь к файлу`);
      if (options[flag] !== undefined) throw new UsageError(`${arg} указан дважды`);
      options[flag] = value;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`неизвестный параметр ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1)
    throw new UsageError(
      files.length === 0 ? 'не указан файл выписки' : 'указано больше одного файла выписки',
    );
  return { file: files[0]!, ...options };
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'файл не найден' : code === 'EISDIR' ? 'это каталог' : String(error);
    throw new FileError(`не удалось прочитать ${what} ${path}: ${reason}`);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let report;
  try {
    const args = parseArgs(argv);
    const bundle = new Uint8Array(read(args.file, 'выписку'));
    const options: VerifyOptions = {};
    if (args.earlier) options.earlier = new Uint8Array(read(args.earlier, 'более раннюю выписку'));
    if (args.heads) options.publishedHeads = read(args.heads, 'файл голов').toString('utf8');
    if (args.ca) options.trustedRoot = new Uint8Array(read(args.ca, 'корневой сертификат'));
    report = await verifyBundle(bundle, options);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`Ошибка: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof FileError) {
      console.error(`Ошибка: ${error.message}`);
      return 2;
    }
    throw error;
  }
  for (const check of report.checks) {
    console.log(`${check.ok ? (check.warning ? '?' : '✓') : '✗'} ${check.what}`);
  }
  console.log('');
  if (report.rootFingerprint) {
    console.log(`Корневой сертификат цепочки: SHA-256 ${report.rootFingerprint}`);
    console.log('Сравните его с отпечатком удостоверяющего центра установки, опубликованным её владельцем.');
    console.log('');
  }
  console.log(report.ok ? `ИТОГ: ПРОЙДЕНА. ${report.verdict}` : `ИТОГ: НЕ ПРОЙДЕНА. ${report.verdict}`);
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `Внутренняя ошибка проверки: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 2;
  },
);
