import {
  REFERENCE_DIRECTORY_INFO,
  REFERENCE_ENTRY_STATE_TITLES,
  ReferenceRetireSchema,
  type ReferenceDirectory,
  type ReferenceDirectoryCode,
  type ReferenceEntry,
} from '@uslugi/contracts';
import { useMemo, useState } from 'react';
import {
  useOrgUnits,
  useReferenceDirectories,
  useReferenceEntries,
  useRestoreReferenceEntry,
  useRetireReferenceEntry,
} from '../../../api/queries';
import { useSession } from '../../../auth/session-context';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { errorMessage } from '../../../lib/errors';
import { hasPermission } from '../../../lib/roles';
import { buildTree, flatten, indentedLabel } from '../org-units/tree';
import { attributeLines, type AttributeNames } from './attributes';
import { EntryDialog } from './EntryDialog';
import { VersionsDialog } from './VersionsDialog';
import './reference.css';

type Opened =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'edit'; entry: ReferenceEntry }
  | { kind: 'retire'; entry: ReferenceEntry }
  | { kind: 'versions'; entry: ReferenceEntry };

/**
 * «Справочники»: the directories the operator keeps (seed 000 items 2.3, 5.1) and the values of one.
 * A change is a new version (the old ones stay readable); a value is retired, never deleted.
 */
export function ReferencePage() {
  const { user } = useSession();
  const canManage = hasPermission(user, 'reference.manage');
  const [directory, setDirectory] = useState<ReferenceDirectoryCode>('document_types');
  const [showRetired, setShowRetired] = useState(false);
  const [opened, setOpened] = useState<Opened>({ kind: 'none' });
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const directories = useReferenceDirectories();
  const entries = useReferenceEntries(directory, showRetired);
  const info = REFERENCE_DIRECTORY_INFO[directory];
  const takesAgency = info.attributes.some((a) => a.key === 'agency');
  // What attributes name: the agencies (retired too, for old values) and the units.
  const agencies = useReferenceEntries(takesAgency ? 'agencies' : null, true);
  const orgUnits = useOrgUnits();
  const restore = useRestoreReferenceEntry();

  const names: AttributeNames = useMemo(
    () => ({
      agency: new Map((agencies.data ?? []).map((a) => [a.code, a.name])),
      unit: new Map((orgUnits.data ?? []).map((u) => [u.id, u.name])),
    }),
    [agencies.data, orgUnits.data],
  );
  const agencyOptions = useMemo(
    () =>
      (agencies.data ?? [])
        .filter((a) => a.state === 'active')
        .map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })),
    [agencies.data],
  );
  const unitOptions = useMemo(
    () =>
      flatten(buildTree(orgUnits.data ?? [])).map((node) => ({
        value: node.unit.id,
        label: indentedLabel(node),
      })),
    [orgUnits.data],
  );

  function choose(code: ReferenceDirectoryCode) {
    setNotice(null);
    setOpened({ kind: 'none' });
    setDirectory(code);
  }

  function open(next: Opened) {
    setNotice(null);
    setOpened(next);
  }

  async function handleRestore(entry: ReferenceEntry) {
    setNotice(null);
    try {
      const saved = await restore.mutateAsync(entry.id);
      setNotice({ kind: 'success', text: `Значение «${saved.name}» снова действует.` });
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <>
      <div className="page-header">
        <h1>Справочники</h1>
      </div>
      {directories.error && <Notice kind="error">{errorMessage(directories.error)}</Notice>}
      <section className="panel panel-flush" aria-label="Список справочников">
        <DataTable<ReferenceDirectory>
          caption="Справочники"
          data-testid="reference-directories"
          rows={directories.data ?? []}
          rowKey={(d) => d.code}
          empty={directories.data ? 'Справочников нет.' : 'Загрузка…'}
          rowProps={(d) => ({ className: d.code === directory ? 'row-selected' : undefined })}
          columns={[
            {
              header: 'Справочник',
              cell: (d) => (
                <button
                  type="button"
                  className="btn-link"
                  aria-pressed={d.code === directory}
                  onClick={() => choose(d.code)}
                >
                  {d.title}
                </button>
              ),
            },
            { header: 'Действует', cell: (d) => d.active, className: 'cell-number' },
            { header: 'Выведено из употребления', cell: (d) => d.retired, className: 'cell-number' },
          ]}
        />
      </section>

      <section className="panel" aria-labelledby="reference-entries-title">
        <div className="page-header">
          <h2 id="reference-entries-title">{info.title}</h2>
          <div className="toolbar">
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={showRetired}
                onChange={(event) => setShowRetired(event.target.checked)}
              />
              Показывать выведенные из употребления
            </label>
            {canManage && (
              <button type="button" className="btn btn-primary" onClick={() => open({ kind: 'create' })}>
                Добавить значение
              </button>
            )}
          </div>
        </div>
        <p className="muted">{info.description}</p>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        {entries.error && <Notice kind="error">{errorMessage(entries.error)}</Notice>}
        {!entries.data && !entries.error ? (
          <p className="muted">Загрузка…</p>
        ) : (
          <DataTable<ReferenceEntry>
            caption={`Значения справочника «${info.title}»`}
            data-testid="reference-entries"
            rows={entries.data ?? []}
            rowKey={(e) => e.id}
            empty="В справочнике нет значений."
            rowProps={(e) => ({ className: e.state === 'retired' ? 'row-retired' : undefined })}
            columns={[
              { header: 'Код', cell: (e) => <code className="reference-code">{e.code}</code> },
              {
                header: 'Наименование',
                cell: (e) => (
                  <>
                    {e.name}
                    {attributeLines(directory, e.attributes, names).map((line) => (
                      <div key={line} className="cell-note">
                        {line}
                      </div>
                    ))}
                  </>
                ),
              },
              { header: 'Версия', cell: (e) => e.version, className: 'cell-number' },
              {
                header: 'Состояние',
                cell: (e) =>
                  e.state === 'active' ? (
                    <span className="badge badge-ok">{REFERENCE_ENTRY_STATE_TITLES.active}</span>
                  ) : (
                    <>
                      <span className="badge badge-warn">{REFERENCE_ENTRY_STATE_TITLES.retired}</span>
                      {e.retiredReason && <div className="cell-note">{e.retiredReason}</div>}
                    </>
                  ),
              },
              {
                header: 'Действия',
                hiddenHeader: true,
                className: 'cell-actions',
                cell: (e) => (
                  <div className="row-actions">
                    {canManage && e.state === 'active' && (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Изменить «${e.code}»`}
                        onClick={() => open({ kind: 'edit', entry: e })}
                      >
                        Изменить
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`Версии «${e.code}»`}
                      onClick={() => open({ kind: 'versions', entry: e })}
                    >
                      Версии
                    </button>
                    {canManage && e.state === 'active' && (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        aria-label={`Вывести из употребления «${e.code}»`}
                        onClick={() => open({ kind: 'retire', entry: e })}
                      >
                        Вывести из употребления
                      </button>
                    )}
                    {canManage && e.state === 'retired' && (
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Вернуть в употребление «${e.code}»`}
                        onClick={() => void handleRestore(e)}
                      >
                        Вернуть в употребление
                      </button>
                    )}
                  </div>
                ),
              },
            ]}
          />
        )}
      </section>

      {(opened.kind === 'create' || opened.kind === 'edit') && (
        <EntryDialog
          key={opened.kind === 'edit' ? opened.entry.id : `new-${directory}`}
          directory={directory}
          entry={opened.kind === 'edit' ? opened.entry : null}
          agencyOptions={agencyOptions}
          unitOptions={unitOptions}
          onClose={() => setOpened({ kind: 'none' })}
          onSaved={(entry, created) => {
            setOpened({ kind: 'none' });
            setNotice({
              kind: 'success',
              text: created
                ? `Значение «${entry.name}» добавлено.`
                : `Сохранена версия ${entry.version} значения «${entry.name}».`,
            });
          }}
        />
      )}
      {opened.kind === 'retire' && (
        <RetireDialog
          entry={opened.entry}
          onClose={() => setOpened({ kind: 'none' })}
          onRetired={(entry) => {
            setOpened({ kind: 'none' });
            setNotice({ kind: 'success', text: `Значение «${entry.name}» выведено из употребления.` });
          }}
        />
      )}
      {opened.kind === 'versions' && (
        <VersionsDialog
          directory={directory}
          entry={opened.entry}
          names={names}
          onClose={() => setOpened({ kind: 'none' })}
        />
      )}
    </>
  );
}

function RetireDialog(props: {
  entry: ReferenceEntry;
  onRetired: (entry: ReferenceEntry) => void;
  onClose: () => void;
}) {
  const retire = useRetireReferenceEntry();
  return (
    <ReasonDialog
      title="Вывод значения из употребления"
      data-testid="reference-retire-form"
      schema={ReferenceRetireSchema}
      label="Причина вывода из употребления"
      submitLabel="Вывести из употребления"
      send={(reason) => retire.mutateAsync({ id: props.entry.id, reason })}
      onDone={props.onRetired}
      onClose={props.onClose}
    >
      <p>
        Значение <strong>«{props.entry.name}»</strong> нельзя будет выбрать в новых описаниях услуг. Уже
        принятые дела и описания сохранят его наименование; значение можно вернуть в употребление.
      </p>
    </ReasonDialog>
  );
}
