import { useEffect, useState, type FormEvent } from 'react';
import {
  addTrustedRoot,
  CA_PEM_URL,
  CRL_URL,
  listTrustedRoots,
  removeTrustedRoot,
} from '../../../api/endpoints';
import type { TrustedRoot } from '@uslugi/contracts';
import { FormAlert } from '../../../components/fields';
import { Notice } from '../../../components/Notice';
import { formatDateTime } from '../../../lib/format';
import { NO_ERRORS, errorMessage, toFormErrors, type FormErrors } from '../../../lib/form-errors';

/**
 * The certification authorities whose certificates the system accepts. For qualified signatures:
 * the root of the Ministry's head CA (uploaded as PEM); the test CA of this installation by default.
 * One list for the whole installation: `canManage` is the installation administrator's right, and the
 * installation's own CA is never offered for removal.
 */
export function TrustStorePanel({ canManage }: { canManage: boolean }) {
  const [roots, setRoots] = useState<TrustedRoot[] | null>(null);
  const [pem, setPem] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const reload = () =>
    listTrustedRoots().then(setRoots, (error: unknown) =>
      setNotice({ kind: 'error', text: errorMessage(error) }),
    );

  useEffect(() => {
    void reload();
  }, []);

  async function handleAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pem === null) {
      setErrors({ general: null, fields: { pem: 'Сертификат (PEM): выберите файл' } });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const added = await addTrustedRoot(pem);
      setNotice({ kind: 'success', text: `Удостоверяющий центр «${added.subject}» добавлен в доверенные.` });
      setPem(null);
      setInputKey((key) => key + 1);
      void reload();
    } catch (error) {
      setErrors(toFormErrors(error, ['pem']));
    }
  }

  async function handleRemove(root: TrustedRoot) {
    if (
      !window.confirm(
        `Исключить «${root.subject}» из доверенных для всей установки? Подписи по его сертификатам перестанут проходить проверку во всех муниципальных образованиях. Исключение нельзя отменить: чтобы снова доверять этому центру, его сертификат придётся добавить заново.`,
      )
    ) {
      return;
    }
    try {
      await removeTrustedRoot(root.id);
      setNotice({ kind: 'success', text: `«${root.subject}» исключён из доверенных.` });
      void reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <section className="panel" aria-labelledby="trust-title">
      <h2 id="trust-title">Доверенные удостоверяющие центры</h2>
      <p className="muted">
        Удостоверяющий центр системы: сертификат <a href={CA_PEM_URL}>ca.pem</a>, список отозванных
        сертификатов <a href={CRL_URL}>crl</a>. Он тестовый и не аккредитован.
      </p>
      <p className="muted">
        Список общий для всех муниципальных образований установки: изменяет его только администратор
        установки, каждое изменение отражается в журнале каждого муниципального образования.
      </p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {roots === null ? (
        <p className="muted">Загрузка…</p>
      ) : roots.length === 0 ? (
        <Notice kind="error">
          Доверенных удостоверяющих центров нет: ни одна подпись не пройдёт проверку.
        </Notice>
      ) : (
        <table className="table" data-testid="trusted-roots-table">
          <thead>
            <tr>
              <th scope="col">Удостоверяющий центр</th>
              <th scope="col">Действует до</th>
              <th scope="col">SHA-256 сертификата</th>
              {canManage && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {roots.map((root) => (
              <tr key={root.id}>
                <td>
                  {root.subject}
                  {root.installationCa && <div className="muted">удостоверяющий центр этой установки</div>}
                </td>
                <td className="nowrap">{formatDateTime(root.notAfter)}</td>
                <td className="break">
                  <code>{root.fingerprint}</code>
                </td>
                {canManage && (
                  <td className="cell-actions">
                    {!root.installationCa && (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        aria-label={`Исключить: ${root.subject}`}
                        onClick={() => void handleRemove(root)}
                      >
                        Исключить
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && (
        <form className="form" noValidate onSubmit={(event) => void handleAdd(event)}>
          <h3>Добавить корневой сертификат</h3>
          <FormAlert message={errors.general} />
          <div className={errors.fields.pem ? 'field field-invalid' : 'field'}>
            <div className="field-label">
              <label htmlFor="root-file">Сертификат удостоверяющего центра (PEM)</label>
            </div>
            <input
              key={inputKey}
              id="root-file"
              type="file"
              accept=".pem,.crt,.cer"
              aria-invalid={errors.fields.pem ? true : undefined}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void file.text().then(setPem);
                else setPem(null);
              }}
            />
            {errors.fields.pem && <div className="field-error">{errors.fields.pem}</div>}
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              Добавить
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
