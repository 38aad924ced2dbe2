import type { ReferenceDirectoryCode, ReferenceEntry, ReferenceEntryVersion } from '@uslugi/contracts';
import { useReferenceVersions } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { Dialog } from '../../../components/Dialog';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { attributeLines, type AttributeNames } from './attributes';

interface VersionsDialogProps {
  directory: ReferenceDirectoryCode;
  entry: ReferenceEntry;
  names: AttributeNames;
  onClose: () => void;
}

/** Every version of a value, newest first: what a case that named an older one reads. */
export function VersionsDialog({ directory, entry, names, onClose }: VersionsDialogProps) {
  const versions = useReferenceVersions(entry.id);
  return (
    <Dialog title={`Версии значения «${entry.code}»`} onClose={onClose} data-testid="reference-versions">
      {versions.error && <Notice kind="error">{errorMessage(versions.error)}</Notice>}
      {!versions.data && !versions.error ? (
        <p className="muted">Загрузка…</p>
      ) : (
        <DataTable<ReferenceEntryVersion>
          caption={`Версии значения «${entry.name}»`}
          rows={versions.data ?? []}
          rowKey={(v) => String(v.version)}
          empty="Версий нет."
          columns={[
            { header: 'Версия', cell: (v) => v.version },
            {
              header: 'Наименование',
              cell: (v) => (
                <>
                  {v.name}
                  {attributeLines(directory, v.attributes, names).map((line) => (
                    <div key={line} className="cell-note">
                      {line}
                    </div>
                  ))}
                </>
              ),
            },
            { header: 'Когда', cell: (v) => <span className="nowrap">{formatDateTime(v.changedAt)}</span> },
            { header: 'Кто', cell: (v) => v.changedByName },
          ]}
        />
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose}>
          Закрыть
        </button>
      </div>
    </Dialog>
  );
}
