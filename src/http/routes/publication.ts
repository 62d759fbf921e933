import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MEDIA_TYPES } from '../../app/publication/mask-file.ts';
import { parsePiiTypeList } from '../../app/publication/pii-type-list.ts';
import { DEFAULT_PUBLICATION_LIMITS, type UploadedFile } from '../../app/publication/publication-service.ts';
import type { Services } from '../../app/services.ts';
import type { PiiType } from '../../core/pii/index.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES, ErrorSchema, Id } from '../schemas/common.ts';
import { PublicationScanSchema, ScanResultSchema, TypesQuerySchema } from '../schemas/publication.ts';

/** Files per scan request, and the bytes of all of them together: uploads are held in memory while scanned. */
const MOST_FILES = 20;
const MOST_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Each file: the service's own cap on what it parses. */
const MOST_FILE_BYTES = DEFAULT_PUBLICATION_LIMITS.maxBytes;

const IdParams = Type.Object({ id: Id });
const RESPONSES = { ...ERROR_RESPONSES, 422: ErrorSchema } as const;

function typesOf(query: { types?: string | undefined }): { types?: PiiType[] } {
  return query.types === undefined ? {} : { types: parsePiiTypeList(query.types, 'types') };
}

function tooLarge(): DomainError {
  return new DomainError(
    'FILE_TOO_LARGE',
    `上传超出上限：单个文件 ${MOST_FILE_BYTES / 1024 / 1024} MB、共 ${MOST_UPLOAD_BYTES / 1024 / 1024} MB、至多 ${MOST_FILES} 个文件；更大的文本文件请用 custos scan 在本地扫描 / ` +
      `the upload exceeds the limits: ${MOST_FILE_BYTES / 1024 / 1024} MB a file, ${MOST_UPLOAD_BYTES / 1024 / 1024} MB in all, ${MOST_FILES} files; scan larger text files locally with custos scan`,
  );
}

/**
 * The files of a multipart/form-data upload, in the order sent. Anything but files is refused, so
 * a misplaced option is not silently dropped; the limits are enforced as the bytes arrive.
 */
async function uploadedFiles(request: FastifyRequest, most: number): Promise<UploadedFile[]> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件 / upload the files as multipart/form-data');
  const files: UploadedFile[] = [];
  let total = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') {
        throw validationError([{ path: `/${part.fieldname.slice(0, 40)}`, code: 'FIELD_UNEXPECTED', message: '只接受文件，选项请放在查询参数中 / only files are accepted; options go in the query string' }]);
      }
      if (files.length === most) {
        throw validationError([{ path: '/files', code: 'TOO_MANY_FILES', message: `至多 ${most} 个文件 / at most ${most} files` }]);
      }
      const bytes = await part.toBuffer();
      total += bytes.byteLength;
      if (total > MOST_UPLOAD_BYTES) throw tooLarge();
      files.push({ name: part.filename, bytes });
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw tooLarge();
    throw error;
  }
  if (files.length === 0) throw validationError([{ path: '/files', code: 'FILE_REQUIRED', message: '至少上传一个文件 / upload at least one file' }]);
  return files;
}

/** An attachment name in ASCII, with the UTF-8 name beside it (RFC 6266, RFC 8187). */
function attachment(fileName: string, extension: string): string {
  const base = fileName.split(/[\\/]/u).pop() ?? '';
  const name = base === '' ? `masked.${extension}` : `masked-${base}`;
  return `attachment; filename="masked.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The publication guard under /api/v1/publication (issue #6): scan uploads before a notice goes
 * out, mask a file, and release a scan once nothing unmasked remains.
 */
export function publicationRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Authentication comes first, so an anonymous caller learns nothing from validation errors.
    app.addHook('onRequest', authenticate);
    await app.register(multipart, { limits: { fileSize: MOST_FILE_BYTES, files: MOST_FILES + 1, fields: 4, parts: MOST_FILES + 5, headerPairs: 100 } });

    app.post(
      '/publication/scan',
      {
        schema: {
          tags: ['publication'],
          summary: '发布前扫描上传文件中的个人信息 / scan uploaded files for personal data before publishing',
          description:
            `multipart/form-data, one or more file parts (any field name), at most ${MOST_FILES} files and ${MOST_UPLOAD_BYTES / 1024 / 1024} MB. ` +
            'Answers the JSON of `custos scan --format json` with the id of the recorded scan. The record keeps each file’s SHA-256, size, format and counts per type — never a value or a file name. See docs/publication-guard.md.',
          consumes: ['multipart/form-data'],
          querystring: TypesQuerySchema,
          response: { 200: ScanResultSchema, ...RESPONSES },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const options = typesOf(request.query);
        return services.publication.scan(principal, await uploadedFiles(request, MOST_FILES), options);
      },
    );
    app.post(
      '/publication/mask',
      {
        schema: {
          tags: ['publication'],
          summary: '返回同格式的脱敏副本（PDF 除外）/ the masked copy of one file, in its own format (not PDF)',
          description: 'multipart/form-data with one file. A PDF is refused with 422 MASK_UNSUPPORTED_FORMAT: mask the source document instead. Headers X-Custos-Masked and X-Custos-Remaining give the counts.',
          consumes: ['multipart/form-data'],
          querystring: TypesQuerySchema,
          produces: Object.values(MEDIA_TYPES),
          response: { 200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '脱敏副本 / the masked copy' }), ...RESPONSES },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const options = typesOf(request.query);
        const [file] = await uploadedFiles(request, 1);
        if (file === undefined) throw validationError([{ path: '/files', code: 'FILE_REQUIRED', message: '上传一个文件 / upload one file' }]);
        const result = await services.publication.mask(principal, file, options);
        const count = (counts: Record<string, number>) => String(Object.values(counts).reduce((sum, value) => sum + value, 0));
        return reply
          .header('content-type', MEDIA_TYPES[result.format])
          .header('content-disposition', attachment(file.name, result.format))
          .header('x-custos-masked', count(result.masked))
          .header('x-custos-remaining', count(result.remaining))
          .send(Buffer.from(result.bytes));
      },
    );
    app.get(
      '/publication/scans/:id',
      { schema: { tags: ['publication'], summary: '本机构的扫描记录 / a scan of your organisation', params: IdParams, response: { 200: PublicationScanSchema, ...RESPONSES } } },
      async (request) => services.publication.get(principalOf(request), request.params.id),
    );
    app.post(
      '/publication/scans/:id/release',
      {
        schema: {
          tags: ['publication'],
          summary: '标记为可发布：仍有未脱敏的个人信息时拒绝（409）/ mark a scan released; refused with 409 while unmasked findings remain',
          params: IdParams,
          response: { 200: PublicationScanSchema, ...RESPONSES },
        },
      },
      async (request) => services.publication.release(principalOf(request), request.params.id),
    );
  };
}
