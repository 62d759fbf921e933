import { DomainError } from '../../core/shared/domain-error.ts';

/**
 * The per-file failures of the publication guard. Each is an error for that one file: a scan of
 * many files reports it and goes on. Messages name the format and the limit, never the file's
 * contents — a file that fails to parse may be full of personal data, and the message ends up in
 * logs and API responses (DESIGN §7).
 */
export const PUBLICATION_ERROR_CODES = ['FORMAT_UNSUPPORTED', 'FILE_TOO_LARGE', 'FILE_UNREADABLE', 'MASK_UNSUPPORTED_FORMAT', 'MASK_SPAN_INVALID'] as const;
export type PublicationErrorCode = (typeof PUBLICATION_ERROR_CODES)[number];

export type PublicationError = DomainError<PublicationErrorCode>;

export function formatUnsupported(reason: string, reasonEnglish: string): PublicationError {
  return new DomainError('FORMAT_UNSUPPORTED', `不支持的文件格式：${reason} / unsupported file format: ${reasonEnglish}`);
}

/** A byte count for a message, e.g. "10 MB". */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** A programming fault of a recognizer, not of the file; masking cannot go on without knowing what to mask. */
export function maskSpanInvalid(start: number, end: number, length: number): PublicationError {
  return new DomainError('MASK_SPAN_INVALID', `识别结果的位置超出文本范围 / a recognizer reported a span outside the text (${start}–${end} of ${length})`);
}

export function fileTooLarge(limit: string, limitEnglish: string): PublicationError {
  return new DomainError('FILE_TOO_LARGE', `文件超出上限：${limit} / the file exceeds the limit: ${limitEnglish}`);
}

/** The parser's own error is kept as the cause for operators, but never copied into the message. */
export function fileUnreadable(format: string, cause?: unknown, detail = '文件已损坏或无法解析', detailEnglish = 'the file is corrupt or cannot be parsed'): PublicationError {
  return new DomainError('FILE_UNREADABLE', `无法读取 ${format} 文件：${detail} / cannot read the ${format} file: ${detailEnglish}`, { cause });
}

export function maskUnsupportedFormat(format: string): PublicationError {
  return new DomainError(
    'MASK_UNSUPPORTED_FORMAT',
    `无法对 ${format} 文件安全脱敏：PDF 的文字层之外还有字形、图像和元数据，改写文字层不能保证个人信息被清除。请对源文档（Word、Excel 等）脱敏后重新导出 PDF。` +
      ` / cannot mask a ${format} file safely: glyphs, images and metadata outside the text layer would still show the data. Mask the source document (Word, Excel…) and export a new PDF.`,
  );
}

const CODES: ReadonlySet<string> = new Set(PUBLICATION_ERROR_CODES);

/** True for the failures that belong to one file; a caller scanning many reports them and goes on. */
export function isPublicationError(error: unknown): error is PublicationError {
  return error instanceof DomainError && CODES.has(error.code);
}
