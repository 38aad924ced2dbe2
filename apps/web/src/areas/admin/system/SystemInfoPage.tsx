import { useSystemInfo } from '../../../api/queries';
import type { SystemInfo } from '@uslugi/contracts';
import { Notice } from '../../../components/Notice';
import { formatDateTime } from '../../../lib/format';
import { errorMessage } from '../../../lib/errors';

const PROVIDERS: Record<string, string> = {
  native: 'OpenSSL с модулем ГОСТ (libengine-gost-openssl)',
  'pure-js': 'программная реализация на JavaScript (медленная)',
};

const DATABASES: Record<SystemInfo['database'], string> = {
  pglite: 'встроенная (PGlite)',
  postgres: 'сервер PostgreSQL',
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
            <dt>Криптопровайдер ГОСТ</dt>
            <dd>
              <code>{info.cryptoProvider}</code> —{' '}
              {PROVIDERS[info.cryptoProvider] ?? 'подключённый провайдер'}
            </dd>
            <dt>Модуль OpenSSL</dt>
            <dd>{info.enginePath ? <code>{info.enginePath}</code> : 'не используется'}</dd>
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
                  <div className="muted break">
                    SHA-256 сертификата: <code>{info.installationCa.fingerprint}</code>
                  </div>
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
        </section>
      )}
    </>
  );
}
