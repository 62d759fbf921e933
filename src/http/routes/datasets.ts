import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound, requireRole } from '../../app/context.ts';
import type { LoadOutcome } from '../../app/exchange/dataset-service.ts';
import { DATASET_FORMATS, datasetFormatOf, type DatasetFormat, type DatasetSource } from '../../app/datasets/read-dataset.ts';
import type { Services } from '../../app/services.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES } from '../schemas/common.ts';
import { DatasetStatusSchema, LoadOutcomeSchema, ResourceCodeParams } from '../schemas/datasets.ts';

/** The largest dataset file accepted over HTTP unless the deployment sets another. */
export const DEFAULT_DATASET_UPLOAD_BYTES = 200 * 1024 * 1024;

export interface DatasetRouteOptions {
  /** The largest file (multipart) or body (raw) accepted, in bytes; larger ones get 413. */
  maxUploadBytes?: number | undefined;
}

const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A raw body's content type says its format; NDJSON is read by the JSON reader. */
const FORMAT_BY_MEDIA_TYPE: Record<string, DatasetFormat> = {
  'text/csv': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'json',
  [XLSX_MEDIA_TYPE]: 'xlsx',
};

const ACCEPTED = `multipart/form-data, ${Object.keys(FORMAT_BY_MEDIA_TYPE).join(', ')}`;

interface UploadLimits {
  maxBytes: number;
  /** Up to this many bytes an upload stays in memory; beyond, it is spooled to a temporary file. */
  memoryBytes: number;
}

/** An upload received whole, in memory or in a temporary file that `discard` deletes. */
interface ReceivedUpload {
  source: DatasetSource;
  discard(): Promise<void>;
}

function tooLarge(maxBytes: number): DomainError {
  const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new DomainError(
    'FILE_TOO_LARGE',
    `数据文件超出上限 ${megabytes} MB；更大的文件请在服务器上用 custos dataset load 加载 / the dataset file exceeds ${megabytes} MB; load larger files on the server with custos dataset load`,
    { details: { maxBytes } },
  );
}

function unsupportedMediaType(): DomainError {
  return new DomainError('UNSUPPORTED_MEDIA_TYPE', `不支持的内容类型，请使用 ${ACCEPTED} / unsupported content type; send ${ACCEPTED}`);
}

function unsupportedFormat(): DomainError {
  // The file name is not echoed: exports of personal data are often named after a person.
  return new DomainError(
    'FORMAT_UNSUPPORTED',
    `无法识别数据文件格式：文件扩展名须为 .csv、.xlsx、.json、.ndjson 或 .jsonl，或在 format 字段中注明 ${DATASET_FORMATS.join('、')} / unsupported dataset format: name the file .csv, .xlsx, .json, .ndjson or .jsonl, or send a format field (${DATASET_FORMATS.join(', ')})`,
  );
}

function isDatasetFormat(text: string): text is DatasetFormat {
  return (DATASET_FORMATS as readonly string[]).includes(text);
}

/** A temporary file only this process's user can read: the upload is personal data in clear. */
async function openSpillFile(): Promise<{ directory: string; path: string; handle: FileHandle }> {
  const directory = await mkdtemp(join(tmpdir(), 'custos-dataset-'));
  const path = join(directory, 'upload');
  return { directory, path, handle: await open(path, 'wx', 0o600) };
}

/**
 * Receives a stream whole, counting its bytes against the cap as they arrive: small uploads stay
 * in memory, larger ones go to a temporary file so that a 200 MB file is never held in memory.
 * The file is deleted by `discard`, or here on any failure.
 */
async function spool(stream: AsyncIterable<Buffer>, limits: UploadLimits): Promise<ReceivedUpload> {
  const held: Buffer[] = [];
  let total = 0;
  let spill: Awaited<ReturnType<typeof openSpillFile>> | undefined;
  const remove = async () => {
    if (spill === undefined) return;
    await spill.handle.close().catch(() => undefined);
    await rm(spill.directory, { recursive: true, force: true });
  };
  try {
    for await (const chunk of stream) {
      total += chunk.byteLength;
      if (total > limits.maxBytes) throw tooLarge(limits.maxBytes);
      if (spill !== undefined) {
        await spill.handle.appendFile(chunk);
        continue;
      }
      held.push(chunk);
      if (total > limits.memoryBytes) {
        spill = await openSpillFile();
        for (const earlier of held) await spill.handle.appendFile(earlier);
        held.length = 0;
      }
    }
    if (spill === undefined) return { source: { bytes: Buffer.concat(held, total) }, discard: async () => undefined };
    await spill.handle.close();
    return { source: { path: spill.path }, discard: remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/**
 * The one file of a multipart upload (field `file`) and its format: the `format` field if sent,
 * else the file name's extension. Any other part is refused, so a misspelt field is not ignored.
 */
async function multipartUpload(request: FastifyRequest, limits: UploadLimits): Promise<{ upload: ReceivedUpload; format: DatasetFormat }> {
  let received: { upload: ReceivedUpload; fileName: string } | undefined;
  let formatField: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'file') {
        if (received !== undefined) throw validationError([{ path: '/file', code: 'TOO_MANY_FILES', message: '只接受一个文件 / send one file only' }]);
        const upload = await spool(part.file, limits);
        received = { upload, fileName: part.filename };
        // busboy stops at the cap and marks the stream truncated rather than failing it.
        if (part.file.truncated) throw tooLarge(limits.maxBytes);
      } else if (part.type === 'field' && part.fieldname === 'format') {
        formatField = String(part.value).trim().toLowerCase();
      } else {
        throw validationError([{ path: `/${part.fieldname.slice(0, 40)}`, code: 'FIELD_UNEXPECTED', message: '只接受 file 文件和 format 字段 / only a file part named file and a format field are accepted' }]);
      }
    }
  } catch (error) {
    await received?.upload.discard();
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limits.maxBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw validationError([{ path: '/', code: 'TOO_MANY_PARTS', message: '只接受一个文件和一个 format 字段 / send one file and at most a format field' }]);
    }
    throw error;
  }
  if (received === undefined) throw validationError([{ path: '/file', code: 'FILE_REQUIRED', message: '请在 file 字段上传数据文件 / upload the dataset file in the file field' }]);
  const format = formatField !== undefined ? (isDatasetFormat(formatField) ? formatField : null) : datasetFormatOf(received.fileName);
  if (format === null) {
    await received.upload.discard();
    throw unsupportedFormat();
  }
  return { upload: received.upload, format };
}

/** A raw body: its content type gives the format, and a declared length over the cap is refused unread. */
async function rawUpload(request: FastifyRequest, limits: UploadLimits): Promise<{ upload: ReceivedUpload; format: DatasetFormat }> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const format = FORMAT_BY_MEDIA_TYPE[mediaType];
  if (format === undefined) throw unsupportedMediaType();
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) throw tooLarge(limits.maxBytes);
  return { upload: await spool(request.body as AsyncIterable<Buffer>, limits), format };
}

/**
 * Hosted datasets under /api/v1/datasets (issue #5): a provider loads the rows of its own
 * resource, and sees which version is in force. Rows go in and never come out here: consumers
 * read through the exchange gateway, under a grant.
 */
export function datasetRoutes(services: Services, authenticate: Authenticate, options: DatasetRouteOptions = {}): FastifyPluginAsync {
  const maxBytes = options.maxUploadBytes ?? DEFAULT_DATASET_UPLOAD_BYTES;
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Authentication comes first, so an anonymous caller learns nothing from validation errors.
    app.addHook('onRequest', authenticate);
    // This scope reads bodies only as streams: the JSON parser of the other routes would buffer a
    // dataset whole, under the ordinary body limit.
    app.removeAllContentTypeParsers();
    // An answer given before the body was read to its end (refused, too large) closes the
    // connection, as Fastify does for its own body limit: the unread rest would keep the socket
    // busy, and a client still sending would hold up the server's shutdown.
    app.addHook('onSend', async (request, reply) => {
      if (!request.raw.complete) reply.header('connection', 'close');
    });
    await app.register(multipart, { limits: { fileSize: maxBytes, files: 2, fields: 2, parts: 4, fieldSize: 64, headerPairs: 100 } });
    app.addContentTypeParser(Object.keys(FORMAT_BY_MEDIA_TYPE), (_request, payload, done) => done(null, payload));
    app.addContentTypeParser('*', (_request, _payload, done) => done(unsupportedMediaType(), undefined));
    // Uploads up to the server's ordinary body limit stay in memory; larger ones are spooled.
    const limits: UploadLimits = { maxBytes, memoryBytes: Math.min(fastify.initialConfig.bodyLimit ?? 1024 * 1024, maxBytes) };

    app.post(
      '/datasets/:resourceCode/versions',
      {
        schema: {
          tags: ['datasets'],
          summary: '加载托管数据集的新版本：逐行校验，全部通过才整体替换 / load a new version of a hosted dataset; it replaces the old one only if every row passes',
          description:
            `Either multipart/form-data with one file part named \`file\` (the format from its extension .csv, .xlsx, .json, .ndjson or .jsonl, or a \`format\` field: ${DATASET_FORMATS.join(', ')}), ` +
            `or the file as the body: ${Object.keys(FORMAT_BY_MEDIA_TYPE).join(', ')}. At most ${maxBytes} bytes. ` +
            'Only a provider_admin of the resource’s provider may load; to others the resource does not exist. ' +
            'Bad rows are answered with 400 VALIDATION_FAILED and `details.errors[].path` = `/rows/N/ITEM` (N counts data rows from 1, the header not counted); no value is ever echoed, and the version in force stays. See docs/datasets.md.',
          consumes: ['multipart/form-data', ...Object.keys(FORMAT_BY_MEDIA_TYPE)],
          params: ResourceCodeParams,
          response: { 201: LoadOutcomeSchema, ...ERROR_RESPONSES },
        },
        // Refuse before receiving: a caller who may not load should not get to send 200 MB first.
        // The use case checks the same again; this only saves the upload.
        preHandler: async (request) => {
          const principal = principalOf(request);
          requireRole(principal, 'provider_admin');
          const resource = await services.catalog.get(principal, request.params.resourceCode);
          if (resource.providerOrgId !== principal.org.id) throw notFound('信息资源', 'resource');
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { upload, format } = request.isMultipart() ? await multipartUpload(request, limits) : await rawUpload(request, limits);
        let outcome: LoadOutcome;
        try {
          outcome = await services.datasets.load(principal, request.params.resourceCode, upload.source, format);
        } finally {
          // Before answering: the temporary file holds personal data in clear.
          await upload.discard();
        }
        return reply.status(201).send(outcome);
      },
    );

    app.get(
      '/datasets/:resourceCode',
      {
        schema: {
          tags: ['datasets'],
          summary: '托管数据集的状态（仅提供方）/ the status of a hosted dataset, for its provider',
          params: ResourceCodeParams,
          response: { 200: DatasetStatusSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.datasets.get(principalOf(request), request.params.resourceCode),
    );
  };
}
