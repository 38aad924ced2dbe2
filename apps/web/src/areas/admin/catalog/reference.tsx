import type { ReferenceDirectoryCode } from '@uslugi/contracts';
import { useReferenceEntries } from '../../../api/queries';

/** The ids of the suggestion lists that code inputs of the editor point at (`<input list>`). */
export const REFERENCE_LISTS = {
  documentTypes: 'ref-document-types',
  agencies: 'ref-agencies',
  requestKinds: 'ref-smev-request-kinds',
} as const;

const DIRECTORIES: { list: string; directory: ReferenceDirectoryCode }[] = [
  { list: REFERENCE_LISTS.documentTypes, directory: 'document_types' },
  { list: REFERENCE_LISTS.agencies, directory: 'agencies' },
  { list: REFERENCE_LISTS.requestKinds, directory: 'smev_request_kinds' },
];

function ReferenceList({ list, directory }: { list: string; directory: ReferenceDirectoryCode }) {
  // Without the reference data (a refusal, a slow answer) the codes are still typed freely.
  const entries = useReferenceEntries(directory);
  return (
    <datalist id={list}>
      {(entries.data ?? []).map((entry) => (
        <option key={entry.code} value={entry.code}>
          {entry.name}
        </option>
      ))}
    </datalist>
  );
}

/**
 * Suggestions for the code inputs from the reference data (НСИ): the document types, agencies and
 * kinds of inter-agency requests in force, each code with its name. The validator on publishing names
 * a code the reference data does not know.
 */
export function ReferenceDatalists() {
  return (
    <>
      {DIRECTORIES.map((item) => (
        <ReferenceList key={item.list} {...item} />
      ))}
    </>
  );
}
