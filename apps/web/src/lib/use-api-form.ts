import { zodResolver } from '@hookform/resolvers/zod';
import { fieldLabel, installRussianErrors, labelled } from '@uslugi/contracts';
import { useState, type FormEvent } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form';
import { z } from 'zod';
import { ApiError } from '../api/client';

// The contracts' Russian messages, as on the server. Without JIT: zod would otherwise probe `new Function`,
// which the Content-Security-Policy forbids (and reports).
z.config({ jitless: true });
installRussianErrors();

/** The general error of a form: the server's message and the request's id for the support desk. */
export interface GeneralError {
  message: string;
  requestId: string | null;
}

type AnySchema = z.ZodType;

/** "roles.1" or "roles[1]" belongs to the "roles" control. */
const topField = (path: string) => path.split(/[.[]/)[0] ?? path;

export interface ApiFormOptions<TValues extends FieldValues, TRequest, TResult> {
  /** The contracts' request schema: the form checks what the server will check, with its messages. */
  schema?: AnySchema;
  defaultValues: DefaultValues<TValues>;
  /** The form's values as the request the schema checks (trimmed, empty choices left out). */
  toRequest: (values: TValues) => TRequest;
  /** Checks only the form knows about (a repeated PIN, a chosen file): field → message. */
  check?: (values: TValues) => Partial<Record<Path<TValues>, string>>;
  /** Sends the request; a refusal is spread over the form. */
  submit: (request: TRequest, values: TValues) => Promise<TResult>;
  onSuccess?: (result: TResult, values: TValues) => void;
  /** The form field a request field's error belongs to, where the names differ. */
  fieldOf?: Partial<Record<string, Path<TValues>>>;
  /** After a refusal: values to clear (a PIN is typed again). */
  clearOnError?: readonly Path<TValues>[];
}

export interface ApiForm<TValues extends FieldValues> {
  form: UseFormReturn<TValues>;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => Promise<void>;
  general: GeneralError | null;
  pending: boolean;
  /** The request schema: the fields read their length limits from it. */
  schema: AnySchema | undefined;
}

/** The first message at or under an error node (`roles` or `roles.1`). */
function firstMessage(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const message = (node as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'ref') continue;
    const found = firstMessage(child);
    if (found) return found;
  }
  return undefined;
}

/**
 * zod's resolver over the request the form would send, each message headed by the field's label as
 * the server writes it («СНИЛС: Неверное контрольное число»), plus the form's own checks.
 */
function contractResolver<TValues extends FieldValues, TRequest>(
  options: ApiFormOptions<TValues, TRequest, unknown>,
): Resolver<TValues> {
  const { schema, toRequest, check, fieldOf } = options;
  const checkRequest = schema
    ? (zodResolver(
        z.preprocess((values) => toRequest(values as TValues), schema) as z.ZodType<unknown, FieldValues>,
      ) as unknown as Resolver<TValues>)
    : undefined;
  return async (values, context, resolverOptions) => {
    const errors: Record<string, { type: string; message: string }> = {};
    // The form's own checks first: they say more precisely what is missing (a file to choose).
    for (const [field, message] of Object.entries(check?.(values) ?? {})) {
      if (typeof message === 'string' && !errors[field]) errors[field] = { type: 'check', message };
    }
    if (checkRequest && schema) {
      const checked = await checkRequest(values, context, resolverOptions);
      for (const [name, node] of Object.entries(checked.errors as Record<string, unknown>)) {
        const message = firstMessage(node);
        const field = fieldOf?.[name] ?? name;
        if (message === undefined || errors[field]) continue;
        errors[field] = { type: 'schema', message: labelled(fieldLabel(schema, [name]) ?? name, message) };
      }
    }
    return Object.keys(errors).length > 0
      ? { values: {}, errors: errors as unknown as FieldErrors<TValues> }
      : { values, errors: {} };
  };
}

/**
 * The one form pattern: react-hook-form with the contracts' request schema. A field's problem shows
 * under the field, in the server's words, before anything is sent; a refusal from the server puts each
 * `fields` message under its field and the rest (with the request's id) above the buttons.
 */
export function useApiForm<TValues extends FieldValues, TRequest, TResult>(
  options: ApiFormOptions<TValues, TRequest, TResult>,
): ApiForm<TValues> {
  const [general, setGeneral] = useState<GeneralError | null>(null);
  const form = useForm<TValues>({
    defaultValues: options.defaultValues,
    resolver: contractResolver(options as ApiFormOptions<TValues, TRequest, unknown>),
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
  });

  const onSubmit = form.handleSubmit(
    async (values) => {
      setGeneral(null);
      let result: TResult;
      try {
        result = await options.submit(options.toRequest(values), values);
      } catch (error) {
        for (const name of options.clearOnError ?? []) {
          form.setValue(name, '' as TValues[typeof name]);
        }
        setGeneral(spreadError(error, form, options.fieldOf));
        return;
      }
      options.onSuccess?.(result, values);
    },
    () => setGeneral(null),
  );

  return { form, onSubmit, general, pending: form.formState.isSubmitting, schema: options.schema };
}

/** Puts a refusal's field messages on the form's fields; returns what is left for the top of the form. */
function spreadError<TValues extends FieldValues>(
  error: unknown,
  form: UseFormReturn<TValues>,
  fieldOf: Partial<Record<string, Path<TValues>>> | undefined,
): GeneralError {
  if (!(error instanceof ApiError)) {
    return { message: 'Непредвиденная ошибка. Повторите попытку.', requestId: null };
  }
  const known = new Set(Object.keys(form.getValues()));
  const unplaced: string[] = [];
  const placed = new Map<string, string>();
  for (const { path, message } of error.fields) {
    const top = topField(path);
    const field = fieldOf?.[top] ?? (known.has(top) ? top : undefined);
    if (field === undefined) unplaced.push(message);
    else placed.set(field, placed.has(field) ? `${placed.get(field)} ${message}` : message);
  }
  for (const [field, message] of placed) {
    form.setError(field as Path<TValues>, { type: 'server', message }, { shouldFocus: false });
  }
  return { message: [error.message, ...unplaced].join(' '), requestId: error.requestId };
}
