import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from '../../core/shared/domain-error.ts';

/**
 * One mapping of the codes a client can cause to HTTP statuses. A DomainError with any other
 * code is an internal failure (a broken invariant deep in the tree or crypto code): it is logged
 * and answered as a bare 500, never passed off as the client's mistake.
 */
const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  FORMAT_UNKNOWN: 400,
  FILE_UNREADABLE: 400,
  FILE_MALFORMED: 400,
  AUDIT_RANGE_INVALID: 400,
  AUDIT_RANGE_TOO_LARGE: 400,
  AUDIT_SIZE_BEYOND_LOG: 400,
  PROOF_RANGE_INVALID: 400,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  SELF_APPROVAL_FORBIDDEN: 403,
  NOT_YOUR_STEP: 403,
  TRAINING_MISSING: 403,
  TRAINING_EXPIRED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  ALERT_TRANSITION_INVALID: 409,
  CONTAINMENT_DECIDED: 409,
  CASE_STAGE_CONFLICT: 409,
  CASE_ATTRIBUTION_MISSING: 409,
  CASE_STATEMENT_PERIOD_OPEN: 409,
  CONTAINMENT_TARGET_MISSING: 409,
  REQUEST_STATUS_CONFLICT: 409,
  GRANT_STATUS_CONFLICT: 409,
  GRANT_NEEDS_REVIEW: 409,
  GRANT_EXPIRED: 409,
  GRANT_NEEDS_NEW_REQUEST: 409,
  DISPUTE_NOT_ALLOWED: 409,
  SELF_REVIEW_FORBIDDEN: 403,
  DISPUTE_EXISTS: 409,
  NO_SUPERVISOR: 409,
  REGION_EXISTS: 409,
  RESOURCE_STATUS_CONFLICT: 409,
  RESOURCE_RETIRED: 409,
  NOTHING_TO_ARCHIVE: 409,
  CONSENT_EXISTS: 409,
  CONSENT_WITHDRAWN: 409,
  CITIZEN_LOGIN_FAILED: 401,
  CITIZEN_PROVIDER_DISABLED: 404,
  CITIZEN_PROVIDER_UNAVAILABLE: 502,
  HOLD_BACK_ENDED: 409,
  BODY_TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PII_TYPE_UNKNOWN: 400,
  FORMAT_UNSUPPORTED: 415,
  MASK_UNSUPPORTED_FORMAT: 422,
  UNMASKED_FINDINGS_REMAIN: 409,
  SCAN_INCOMPLETE: 409,
  DATASET_UNREADABLE: 400,
  DATASET_LOAD_IN_PROGRESS: 409,
  COMPLAINT_STATUS_CONFLICT: 409,
  REWARD_NOT_ALLOWED: 409,
  RATE_LIMITED: 429,
};

export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: Record<string, unknown>;
}

/** Chinese first, for the people who read these; keyed by the JSON Schema keyword that failed. */
const SCHEMA_MESSAGES: Record<string, string> = {
  required: '缺少必填字段',
  additionalProperties: '不允许的字段',
  type: '类型错误',
  enum: '取值不在允许范围内',
  const: '取值不在允许范围内',
  pattern: '格式不符',
  format: '格式不符',
  minLength: '内容过短',
  maxLength: '内容过长',
  minimum: '数值过小',
  maximum: '数值过大',
  minItems: '条目过少',
  maxItems: '条目过多',
  uniqueItems: '条目重复',
  minProperties: '至少需要一项',
  maxProperties: '项数过多',
  anyOf: '不符合任何允许的形式',
};

/**
 * Ajv's findings as `{path, code, message}` per field. The message names what the schema wants
 * (allowed values, lengths), never the value that was sent.
 */
function fieldErrors(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((issue) => {
    const missing = issue.keyword === 'required' ? `/${String(issue.params['missingProperty'])}` : '';
    const extra = issue.keyword === 'additionalProperties' ? `/${String(issue.params['additionalProperty'])}` : '';
    const path = `${error.validationContext === 'body' ? '' : `/${error.validationContext ?? ''}`}${issue.instancePath}${missing}${extra}` || '/';
    const allowed = issue.params['allowedValues'];
    const english = `${issue.message ?? 'invalid'}${Array.isArray(allowed) ? `: ${allowed.join(', ')}` : ''}`;
    return { path, code: `SCHEMA_${issue.keyword.toUpperCase()}`, message: `${SCHEMA_MESSAGES[issue.keyword] ?? '不符合接口定义'} / ${english}` };
  });
}

function translate(error: FastifyError | DomainError | Error): { status: number; code: string; message: string; details?: Record<string, unknown> } {
  if (error instanceof DomainError) {
    const status = STATUS_BY_CODE[error.code];
    if (status !== undefined) return { status, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
    return { status: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，已记录 / internal error; it has been logged' };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return { status: 400, code: 'VALIDATION_FAILED', message: '请求不符合接口定义 / the request does not match the schema', details: { errors: fieldErrors(fastifyError) } };
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'BODY_TOO_LARGE', message: '请求体过大 / request body too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型，请使用 application/json / unsupported content type; use application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'MALFORMED_JSON', message: '请求体不是有效的 JSON / the body is not valid JSON' };
  }
  if (error instanceof SyntaxError || fastifyError.statusCode === 400) {
    return { status: 400, code: 'MALFORMED_JSON', message: '请求体不是有效的 JSON / the body is not valid JSON' };
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, code: 'BAD_REQUEST', message: '请求无效 / bad request' };
  }
  return { status: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，已记录 / internal error; it has been logged' };
}

/**
 * The one error handler (DESIGN §7): `{code, message, requestId, details?}`, never a stack
 * trace, SQL or data value. Unexpected errors are logged in full (the log is an operator's) and
 * answered with a bare 500.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, code, message, details } = translate(error);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    const body: ErrorBody = { code, message, requestId: request.id, ...(details ? { details } : {}) };
    // RFC 9110 §10.2.3: a refusal for too many requests says when to come back.
    const retryAfter = details?.['retryAfterSeconds'];
    if (status === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { code: 'ROUTE_NOT_FOUND', message: '接口不存在 / no such route', requestId: request.id };
    return reply.status(404).send(body);
  });
}
