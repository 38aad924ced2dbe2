import { useSystemInfo } from '../../../api/queries';
import type { SystemInfo } from '@uslugi/contracts';
import { Notice } from '../../../components/Notice';
import { formatDateTime } from '../../../lib/format';
import { errorMessage } from '../../../lib/errors';

/** The crypto provider in words for an official; its code name goes under «Для специалистов». */
const PROVIDERS: Record<string, string> = {
  native: 'модуль ГОСТ для OpenSSL, установленный на сервере',
  'pure-js': 'программная реализация ГОСТ, встроенная в систему (медленнее)',
};

const DATABASES: Record<SystemInfo['database'], string> = {
  pglite: 'встроенная база данных (в каталоге данных системы)',
  postgres: 'отдельный сервер базы данных',
};

const DATABASE_CODES: Record<SystemInfo['database'], string> = {
  pglite: 'PGlite',
  postgres: 'PostgreSQL',
};

/** «Сведения о системе» for the technical operator: what crypto and database this process runs on. */
export function SystemInfoPage() {
  const { data: info, error } = useSystemInfo();

  return (
    <>
      <h1>Сведения о системе</h1>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {info && (
        <section className="panel">
          <dl className="facts" data-testid="system-info">
            <dt>Средство электронной подписи</dt>
            <dd>{PROVIDERS[info.cryptoProvider] ?? 'подключённое средство криптографической защиты'}</dd>
            <dt>Сертификация</dt>
            <dd>
              {info.cryptoProvider in PROVIDERS
                ? 'Не сертифицированное СКЗИ: для квалифицированной подписи подключите сертифицированный провайдер'
                : 'Сведения о сертификации — в документации провайдера'}
            </dd>
            <dt>База данных</dt>
            <dd>{DATABASES[info.database]}</dd>
            {info.installationCa && (
              <>
                <dt>Удостоверяющий центр установки</dt>
                <dd>
                  {info.installationCa.subject}, действует до {formatDateTime(info.installationCa.notAfter)}
                </dd>
              </>
            )}
            {info.crl && (
              <>
                <dt>Список отозванных сертификатов</dt>
                <dd>
                  № {info.crl.number} от {formatDateTime(info.crl.thisUpdate)}, следующий до{' '}
                  {formatDateTime(info.crl.nextUpdate)}; отозвано: {info.crl.revokedCount}
                </dd>
              </>
            )}
          </dl>
          <details className="technical">
            <summary>Для специалистов</summary>
            <dl className="facts">
              <dt>Криптопровайдер</dt>
              <dd>
                <code>{info.cryptoProvider}</code>
              </dd>
              <dt>Модуль OpenSSL</dt>
              <dd>{info.enginePath ? <code>{info.enginePath}</code> : 'не используется'}</dd>
              <dt>СУБД</dt>
              <dd>{DATABASE_CODES[info.database]}</dd>
              {info.installationCa && (
                <>
                  <dt>SHA-256 сертификата УЦ</dt>
                  <dd className="break">
                    <code>{info.installationCa.fingerprint}</code>
                  </dd>
                </>
              )}
            </dl>
          </details>
        </section>
      )}
    </>
  );
}
