import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DEFAULT_PUBLICATION_LIMITS, type UploadedFile } from '../../app/publication/publication-service.ts';
import type { Services } from '../../app/services.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES, ErrorSchema, Id } from '../schemas/common.ts';
import { LeakTraceQuerySchema, LeakTraceSchema } from '../schemas/leak-traces.ts';

/** One leaked file per trace, held in memory while it is matched: the publication guard's cap. */
const MOST_FILE_BYTES = DEFAULT_PUBLICATION_LIMITS.maxBytes;

const IdParams = Type.Object({ id: Id });
const RESPONSES = { ...ERROR_RESPONSES, 413: ErrorSchema, 415: ErrorSchema } as const;

function tooLarge(): DomainError {
  return new DomainError('FILE_TOO_LARGE', `文件超出上限 ${MOST_FILE_BYTES / 1024 / 1024} MB，请分批溯源 / the file exceeds ${MOST_FILE_BYTES / 1024 / 1024} MB; trace it in parts`);
}

/** The one file of a multipart upload; anything else is refused, so a misplaced option is not silently dropped. */
async function uploadedFile(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传泄露文件 / upload the leaked file as multipart/form-data');
  let file: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') throw validationError([{ path: `/${part.fieldname.slice(0, 40)}`, code: 'FIELD_UNEXPECTED', message: '只接受一个文件 / only one file is accepted' }]);
      if (file) throw validationError([{ path: '/file', code: 'TOO_MANY_FILES', message: '每次溯源只接受一个文件 / one file per trace' }]);
      file = { name: part.filename, bytes: await part.toBuffer() };
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw tooLarge();
    throw error;
  }
  if (!file) throw validationError([{ path: '/file', code: 'FILE_REQUIRED', message: '请上传泄露文件 / upload the leaked file' }]);
  return file;
}

/** Leak tracing under /api/v1/leak-traces (泄露溯源, issue #8 §3; docs/leak-tracing.md). */
export function leakTraceRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Authentication first, so an anonymous caller learns nothing from validation errors.
    app.addHook('onRequest', authenticate);
    await app.register(multipart, { limits: { fileSize: MOST_FILE_BYTES, files: 2, fields: 2, parts: 4, headerPairs: 100 } });

    app.post(
      '/leak-traces',
      {
        schema: {
          tags: ['leak-traces'],
          summary: '上传泄露文件（csv、xlsx、txt），溯源交付了其中记录的授权、凭证、人员与网关应答 / upload a leaked file (csv, xlsx, txt) and rank the grants, credentials, end users and gateway answers that delivered its records',
          description: 'multipart/form-data with one file. Only investigators (supervisor or auditor of the supervision authority). The trace keeps the file’s SHA-256, size, format, counts and ranking — never its contents.',
          consumes: ['multipart/form-data'],
          response: { 201: LeakTraceSchema, ...RESPONSES },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const trace = await services.leakTraces.trace(principal, await uploadedFile(request));
        return reply.code(201).send(trace);
      },
    );
    app.get(
      '/leak-traces',
      {
        schema: {
          tags: ['leak-traces'],
          summary: '本机构的溯源记录（新的在前）/ your authority’s leak traces, newest first',
          querystring: LeakTraceQuerySchema,
          response: { 200: Type.Object({ traces: Type.Array(LeakTraceSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => services.leakTraces.list(principalOf(request), request.query),
    );
    app.get(
      '/leak-traces/:id',
      { schema: { tags: ['leak-traces'], summary: '一次溯源的结果 / one leak trace', params: IdParams, response: { 200: LeakTraceSchema, ...ERROR_RESPONSES } } },
      async (request) => services.leakTraces.get(principalOf(request), request.params.id),
    );
  };
}
