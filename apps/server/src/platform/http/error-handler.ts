import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode, type FieldError } from '../errors.js';
import { fieldLabel, labelled } from '@uslugi/contracts';

interface ErrorBody {
  [member: string]: unknown;
  code: string;
  message: string;
  requestId: string;
  fields?: FieldError[];
}

const WHERE_TITLES: Record<string, string> = {
  body: 'тело запроса',
  querystring: 'параметры запроса',
  params: 'адрес',
  headers: 'заголовки',
};

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  fields?: FieldError[],
  extra?: Readonly<Record<string, unknown>>,
) {
  const body: ErrorBody = { ...extra, code, message: ERRORS[code].message, requestId: request.id };
  if (fields && fields.length > 0) body.fields = fields;
  // The header too: a refusal before routing (a malformed URL) skips the app's onSend hook.
  return reply
    .status(ERRORS[code].status)
    .header('x-request-id', request.id)
    .type('application/json; charset=utf-8')
    .send(body);
}

// PostgreSQL error classes a user's action can cause; a refusal of bad input is a 400 with a Russian message, never a 500.
const PG_ERRORS: Record<string, ErrorCode> = {
  '23505': 'duplicate',
  '23503': 'conflict',
  '23514': 'validation',
  '23502': 'validation',
  '22P02': 'bad_request',
  '42501': 'forbidden',
  '40001': 'conflict',
  '40P01': 'conflict',
};

/**
 * A value the database cannot take: class 22 «data exception» (22021 NUL or a bad byte sequence, 22008
 * a date out of range, 22P05 an unsupported Unicode escape in jsonb, 22003 a number out of range, 22001
 * a string too long, 22007 a malformed date…) and class 54 «program limit exceeded» (54000 a value past
 * a size limit, 54001 a statement too complex). Only a request's data gets there: a 400, never a 500.
 */
function isRefusedValue(sqlState: string): boolean {
  return /^(22|54)[0-9A-Z]{3}$/.test(sqlState);
}

const FASTIFY_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_BAD_URL: 'bad_request',
};

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, error.message);
    else request.log.info({ code: error.code, detail: error.message }, 'request refused');
    return send(reply, request, error.code, error.fields, error.extra);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const schema = (request.routeOptions.schema as Record<string, unknown> | undefined)?.[where];
    const fields: FieldError[] = [];
    for (const issue of error.validation) {
      const path = issue.instancePath.split('/').filter(Boolean);
      const key = path.join('.') || where;
      if (fields.some((f) => f.path === key)) continue; // the first problem of a field is enough
      const label = fieldLabel(schema, path) ?? (path.length ? path.join('.') : WHERE_TITLES[where]);
      fields.push({ path: key, message: labelled(label ?? where, issue.message ?? '') });
    }
    return send(reply, request, 'validation', fields);
  }
  const pgCode = (error as { code?: unknown }).code;
  if (typeof pgCode === 'string' && pgCode in PG_ERRORS) {
    request.log.info({ pgCode, detail: error.message }, 'database refused the change');
    return send(reply, request, PG_ERRORS[pgCode] ?? 'conflict');
  }
  if (typeof pgCode === 'string' && isRefusedValue(pgCode)) {
    // The schemas should have refused the value: a warning, so that the gap is seen and closed.
    request.log.warn({ pgCode, detail: error.message }, 'database refused a value the schema let through');
    return send(reply, request, 'bad_request');
  }
  if (typeof error.code === 'string' && error.code in FASTIFY_ERRORS) {
    return send(reply, request, FASTIFY_ERRORS[error.code] ?? 'bad_request');
  }
  if (error.statusCode === 429) return send(reply, request, 'rate_limited');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.info({ err: error }, 'client error');
    return send(reply, request, error.statusCode === 404 ? 'route_not_found' : 'bad_request');
  }
  request.log.error({ err: error }, 'unexpected error');
  return send(reply, request, 'internal');
}
