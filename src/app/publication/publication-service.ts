import { createHash } from 'node:crypto';
import type { Role } from '../../core/identity/roles.ts';
import { PII_TYPES, type Finding, type PiiType } from '../../core/pii/index.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import type { PublicationScan, ScannedFileRecord } from '../../storage/repositories/publication-scans.ts';
import { actorOf, hasRole, notFound, nowIso, type AppContext, type Principal } from '../context.ts';
import { countByType, maskFile, type MaskedFile, type TypeCounts } from './mask-file.ts';
import { scanDocument, type FileScanError } from './scan-document.ts';

export type { PublicationScan, ScannedFileRecord } from '../../storage/repositories/publication-scans.ts';

/** One uploaded file. Its name is used to tell the format and is echoed back, never stored or audited. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ScanRequestOptions {
  /** Only these types; all when absent. A scan of fewer types cannot be released. */
  types?: readonly PiiType[];
}

/** The answer to an upload: the CLI's JSON, plus the id under which the scan was recorded. */
export interface ScanResult {
  scanId: string;
  files: { path: string; findings: Finding[]; error: FileScanError | null }[];
}

export interface PublicationLimits {
  /** Largest pdf, xlsx, docx or html parsed (and largest file masked), in bytes. */
  maxBytes: number;
}

export const DEFAULT_PUBLICATION_LIMITS: PublicationLimits = { maxBytes: 20 * 1024 * 1024 };

/**
 * Who may scan, mask and release: a person acting for an organisation that publishes notices — a
 * department, or the supervision authority, itself a bureau with notices of its own — in a role
 * that handles its data: provider_admin, consumer or approver. A platform administrator runs the
 * system and a contractor operates it for a department; neither publishes in a department's name.
 * Training is not required: scanning only protects, and a lapsed course must not push a web team
 * to publish unscanned.
 */
const PUBLISHING_KINDS: ReadonlySet<string> = new Set(['department', 'supervisor']);
const PUBLISHING_ROLES: readonly Role[] = ['provider_admin', 'consumer', 'approver'];

function requirePublisher(principal: Principal): void {
  if (!PUBLISHING_KINDS.has(principal.org.kind) || !hasRole(principal, ...PUBLISHING_ROLES)) {
    throw new DomainError(
      'FORBIDDEN',
      `只有部门的 ${PUBLISHING_ROLES.join('、')} 可以使用发布前检查 / only a department's ${PUBLISHING_ROLES.join(', ')} may use the publication guard`,
      { details: { requiredRoles: PUBLISHING_ROLES } },
    );
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sum(counts: TypeCounts): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}

function totals(files: readonly ScannedFileRecord[]): TypeCounts {
  const counts: TypeCounts = {};
  for (const file of files) {
    for (const type of PII_TYPES) {
      const count = file.counts[type];
      if (count !== undefined) counts[type] = (counts[type] ?? 0) + count;
    }
  }
  return counts;
}

/**
 * The publication guard through the API (issue #6): scan uploads, keep a record of each scan and
 * let the department mark it released once nothing unmasked remains; mask a file. Every scan and
 * release is audited with counts per type and file hashes — never a value, never a file name.
 */
export class PublicationService {
  private readonly context: AppContext;
  private readonly limits: PublicationLimits;

  constructor(context: AppContext, limits: PublicationLimits = DEFAULT_PUBLICATION_LIMITS) {
    this.context = context;
    this.limits = limits;
  }

  async scan(principal: Principal, files: readonly UploadedFile[], options: ScanRequestOptions = {}): Promise<ScanResult> {
    requirePublisher(principal);
    if (files.length === 0) throw validationError([{ path: '/files', code: 'FILE_REQUIRED', message: '至少上传一个文件 / upload at least one file' }]);
    const scanOptions = { maxBytes: this.limits.maxBytes, ...(options.types === undefined ? {} : { types: options.types }) };
    const reports: ScanResult['files'] = [];
    const records: ScannedFileRecord[] = [];
    for (const file of files) {
      const scanned = await scanDocument(file.bytes, file.name, scanOptions);
      reports.push({ path: file.name, findings: scanned.findings, error: scanned.error });
      records.push({ sha256: sha256(file.bytes), size: file.bytes.byteLength, format: scanned.format, counts: countByType(scanned.findings), errorCode: scanned.error?.code ?? null });
    }
    const restricted = options.types !== undefined && options.types.length < PII_TYPES.length;
    const scan: PublicationScan = {
      id: this.context.ids.next(),
      orgId: principal.org.id,
      personId: principal.person.id,
      files: records,
      types: restricted ? [...(options.types ?? [])] : null,
      findingCount: records.reduce((total, record) => total + sum(record.counts), 0),
      errorCount: records.filter((record) => record.errorCode !== null).length,
      released: false,
      releasedBy: null,
      releasedAt: null,
      createdAt: nowIso(this.context),
    };
    await this.context.store.transaction(async (repositories) => {
      await repositories.publicationScans.insert(scan);
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'publication.scan.completed',
        object: `publication-scan:${scan.id}`,
        details: { orgId: scan.orgId, types: scan.types, findings: scan.findingCount, errors: scan.errorCount, counts: totals(records), files: records },
      });
    });
    return { scanId: scan.id, files: reports };
  }

  /** A scan of the caller's own organisation; another organisation's is "not found". */
  async get(principal: Principal, id: string): Promise<PublicationScan> {
    const scan = await this.context.store.read.publicationScans.get(id);
    if (scan === undefined || scan.orgId !== principal.org.id) throw notFound('扫描记录', 'scan');
    return scan;
  }

  /**
   * Marks a scan released: the department's statement that these files, as hashed, may be
   * published. Refused while any finding or unscanned file remains, and for a scan of fewer than
   * every type (a scan limited to email cannot vouch for resident IDs). Releasing twice is a no-op.
   */
  async release(principal: Principal, id: string): Promise<PublicationScan> {
    requirePublisher(principal);
    return this.context.store.transaction(async (repositories) => {
      const scan = await repositories.publicationScans.get(id);
      if (scan === undefined || scan.orgId !== principal.org.id) throw notFound('扫描记录', 'scan');
      if (scan.released) return scan;
      if (scan.findingCount > 0 || scan.errorCount > 0) {
        throw new DomainError(
          'UNMASKED_FINDINGS_REMAIN',
          `仍有 ${scan.findingCount} 处个人信息未脱敏、${scan.errorCount} 个文件无法扫描，不能标记为可发布；请脱敏后重新扫描 / ${scan.findingCount} findings remain unmasked and ${scan.errorCount} files could not be scanned; mask the files and scan them again`,
          { details: { findings: scan.findingCount, unscanned: scan.errorCount, counts: totals(scan.files) } },
        );
      }
      if (scan.types !== null) {
        throw new DomainError('SCAN_INCOMPLETE', `此次扫描只检查了 ${scan.types.join('、')}，不能据此发布；请扫描全部类型 / this scan checked only ${scan.types.join(', ')}; scan for every type before release`);
      }
      const at = nowIso(this.context);
      if (!(await repositories.publicationScans.release(id, principal.person.id, at))) return (await repositories.publicationScans.get(id)) ?? scan;
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'publication.scan.released',
        object: `publication-scan:${id}`,
        details: { orgId: scan.orgId, files: scan.files.map((file) => ({ sha256: file.sha256, size: file.size, format: file.format })) },
      });
      return { ...scan, released: true, releasedBy: principal.person.id, releasedAt: at };
    });
  }

  /** A masked copy of one file (not PDF: MASK_UNSUPPORTED_FORMAT), audited with counts and hashes. */
  async mask(principal: Principal, file: UploadedFile, options: ScanRequestOptions = {}): Promise<MaskedFile> {
    requirePublisher(principal);
    const result = await maskFile(file.bytes, file.name, { maxBytes: this.limits.maxBytes, ...(options.types === undefined ? {} : { types: options.types }) });
    const inputHash = sha256(file.bytes);
    await this.context.store.transaction(async (repositories) => {
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'publication.mask.completed',
        object: `publication-file:${inputHash}`,
        details: { orgId: principal.org.id, format: result.format, size: file.bytes.byteLength, sha256: inputHash, maskedSha256: sha256(result.bytes), masked: result.masked, remaining: result.remaining },
      });
    });
    return result;
  }
}
