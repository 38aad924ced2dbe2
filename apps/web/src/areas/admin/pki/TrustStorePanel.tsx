import type { TrustedRoot } from '@uslugi/contracts';
import { useState } from 'react';
import { CA_PEM_URL, CRL_URL } from '../../../api/endpoints';
import { useAddTrustedRoot, useRemoveTrustedRoot, useTrustedRoots } from '../../../api/queries';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DataTable } from '../../../components/DataTable';
import { Form, FormFooter } from '../../../components/form/Form';
import { FileField } from '../../../components/form/Field';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useApiForm } from '../../../lib/use-api-form';

interface AddValues {
  file: File | null;
}

const NO_FILE: AddValues = { file: null };

/**
 * The certification authorities whose certificates the system accepts. For qualified signatures:
 * the root of the Ministry's head CA (uploaded as PEM); the test CA of this installation by default.
 * One list for the whole installation: `canManage` is the installation administrator's right, and the
 * installation's own CA is never offered for removal.
 */
export function TrustStorePanel({ canManage }: { canManage: boolean }) {
  const roots = useTrustedRoots();
  const add = useAddTrustedRoot();
  const remove = useRemoveTrustedRoot();
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [removing, setRemoving] = useState<TrustedRoot | null>(null);
  const api = useApiForm({
    defaultValues: NO_FILE,
    toRequest: () => ({}),
    check: (values) => (values.file ? {} : { file: 'Сертификат (PEM): выберите файл' }),
    submit: async (_request, values) => add.mutateAsync(values.file ? await values.file.text() : ''),
    fieldOf: { pem: 'file' },
    onSuccess: (added) => {
      setNotice({ kind: 'success', text: `Удостоверяющий центр «${added.subject}» добавлен в доверенные.` });
      api.form.reset({ file: null });
    },
  });

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
      {roots.error && <Notice kind="error">{errorMessage(roots.error)}</Notice>}
      {!roots.data ? (
        !roots.error && <p className="muted">Загрузка…</p>
      ) : roots.data.length === 0 ? (
        <Notice kind="error">
          Доверенных удостоверяющих центров нет: ни одна подпись не пройдёт проверку.
        </Notice>
      ) : (
        <DataTable
          caption="Доверенные удостоверяющие центры"
          data-testid="trusted-roots-table"
          rows={roots.data}
          rowKey={(root) => root.id}
          empty="Доверенных удостоверяющих центров нет."
          columns={[
            {
              header: 'Удостоверяющий центр',
              cell: (root) => (
                <>
                  {root.subject}
                  {root.installationCa && <div className="muted">удостоверяющий центр этой установки</div>}
                </>
              ),
            },
            { header: 'Действует до', className: 'nowrap', cell: (root) => formatDateTime(root.notAfter) },
            {
              header: 'SHA-256 сертификата',
              className: 'break',
              cell: (root) => <code>{root.fingerprint}</code>,
            },
            canManage && {
              header: 'Действия',
              hiddenHeader: true,
              className: 'cell-actions',
              cell: (root) =>
                !root.installationCa && (
                  <button
                    type="button"
                    className="btn btn-small btn-danger-outline"
                    aria-label={`Исключить: ${root.subject}`}
                    onClick={() => setRemoving(root)}
                  >
                    Исключить
                  </button>
                ),
            },
          ]}
        />
      )}
      {canManage && (
        <Form api={api}>
          <h3>Добавить корневой сертификат</h3>
          <FileField<AddValues>
            id="root-file"
            name="file"
            label="Сертификат удостоверяющего центра (PEM)"
            accept=".pem,.crt,.cer"
          />
          <FormFooter api={api} submit="Добавить" />
        </Form>
      )}
      {removing && (
        <ConfirmDialog
          title="Исключить из доверенных"
          confirmLabel="Исключить"
          data-testid="remove-root-dialog"
          confirm={() => remove.mutateAsync(removing.id)}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setNotice({ kind: 'success', text: `«${removing.subject}» исключён из доверенных.` });
            setRemoving(null);
          }}
        >
          <p>
            Исключить «{removing.subject}» из доверенных для всей установки? Подписи по его сертификатам
            перестанут проходить проверку во всех муниципальных образованиях.
          </p>
          <p>
            Исключение нельзя отменить: чтобы снова доверять этому центру, его сертификат придётся добавить
            заново.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
