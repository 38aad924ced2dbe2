import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';

/** The ids of the suggestion lists that code inputs of the editor point at (`<input list>`). */
export const REFERENCE_LISTS = {
  documentTypes: 'ref-document-types',
  agencies: 'ref-agencies',
  requestKinds: 'ref-smev-request-kinds',
} as const;

const DIRECTORIES: { list: string; directory: string }[] = [
  { list: REFERENCE_LISTS.documentTypes, directory: 'document_types' },
  { list: REFERENCE_LISTS.agencies, directory: 'agencies' },
  { list: REFERENCE_LISTS.requestKinds, directory: 'smev_request_kinds' },
];

interface Entry {
  code: string;
  name: string;
}

/** The entries of a reference directory, or none when the reference data cannot be read. */
async function entries(directory: string): Promise<Entry[]> {
  try {
    const answer = await api.get<unknown>(
      `/api/v1/reference/directories/${encodeURIComponent(directory)}/entries`,
      { redirectOnUnauthorized: false },
    );
    const items = Array.isArray(answer)
      ? answer
      : ((answer as { items?: unknown } | null)?.items as unknown[] | undefined);
    if (!Array.isArray(items)) return [];
    return items.flatMap((item) => {
      const { code, name } = (item ?? {}) as { code?: unknown; name?: unknown };
      return typeof code === 'string' && typeof name === 'string' ? [{ code, name }] : [];
    });
  } catch {
    return [];
  }
}

function ReferenceList({ list, directory }: { list: string; directory: string }) {
  const query = useQuery({
    queryKey: ['reference', directory, 'entries'],
    queryFn: () => entries(directory),
  });
  return (
    <datalist id={list}>
      {(query.data ?? []).map((entry) => (
        <option key={entry.code} value={entry.code}>
          {entry.name}
        </option>
      ))}
    </datalist>
  );
}

/**
 * Suggestions for the code inputs from the reference data (НСИ): the document types, agencies and
 * kinds of inter-agency requests, each code with its name. A code is still typed freely; the
 * validator names a code the reference data does not know.
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
