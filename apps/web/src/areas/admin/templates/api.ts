import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TEMPLATES_API, type DocumentTemplate, type ErrorBody, type TemplateList } from '@uslugi/contracts';
import { api, staffCsrfToken } from '../../../api/client';

const key = ['admin-templates'] as const;

export const useTemplates = () =>
  useQuery({ queryKey: key, queryFn: () => api.get<TemplateList>(TEMPLATES_API) });

/** A refusal of an upload or a preview: the server's message, the placeholders or fields it names. */
export class TemplateRefused extends Error {
  constructor(
    message: string,
    readonly placeholders: readonly string[] = [],
    /** The refusal's code: `template_placeholder_unknown`, `template_placeholder_misused`, … */
    readonly code = '',
  ) {
    super(message);
    this.name = 'TemplateRefused';
  }
}

async function refusal(response: Response): Promise<TemplateRefused> {
  type Body = Partial<ErrorBody> & { placeholders?: string[] };
  const body = (await response.json().catch(() => null)) as Body | null;
  const message = [
    body?.message ?? 'Запрос не выполнен. Повторите попытку.',
    ...(body?.fields ?? []).map((f) => f.message),
  ].join(' ');
  return new TemplateRefused(message, body?.placeholders ?? [], body?.code ?? '');
}

async function post(path: string, body?: FormData): Promise<Response> {
  const token = await staffCsrfToken();
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/pdf', ...(token ? { 'x-csrf-token': token } : {}) },
      ...(body ? { body } : {}),
    });
  } catch {
    throw new TemplateRefused('Нет связи с сервером. Проверьте подключение и повторите попытку.');
  }
  if (!response.ok) throw await refusal(response);
  return response;
}

export interface UploadInput {
  kind: string;
  title: string;
  serviceId: string;
  serviceVersionId: string;
  documentKey: string;
  file: File;
}

/** The text fields go before the file: the server reads them as the file arrives. */
export async function uploadTemplate(input: UploadInput): Promise<DocumentTemplate> {
  const form = new FormData();
  form.append('kind', input.kind);
  form.append('title', input.title);
  if (input.serviceId) form.append('serviceId', input.serviceId);
  if (input.serviceId && input.serviceVersionId) form.append('serviceVersionId', input.serviceVersionId);
  if (input.documentKey) form.append('documentKey', input.documentKey);
  form.append('file', input.file, input.file.name);
  return (await (await post(TEMPLATES_API, form)).json()) as DocumentTemplate;
}

/** The template filled with the sample data, as a PDF to open. */
export async function previewTemplate(id: string): Promise<Blob> {
  return (await post(`${TEMPLATES_API}/${id}/preview`)).blob();
}

export const publishTemplate = (id: string) =>
  api.post<DocumentTemplate>(`${TEMPLATES_API}/${id}/publish`, {});

export function useUploadTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: uploadTemplate,
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function usePublishTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: publishTemplate,
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export const templateFileUrl = (id: string) => `${TEMPLATES_API}/${id}/content`;
