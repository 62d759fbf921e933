/**
 * A real failure with a stable SCREAMING_SNAKE code (DESIGN §7). Expected outcomes are values;
 * this is for what a caller cannot go on from. The message is for people and never carries
 * data values; `details` carries structured, non-personal information such as field paths.
 */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export interface ErrorDetails {
  errors?: FieldError[];
  [key: string]: unknown;
}

export class DomainError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: ErrorDetails | undefined;

  constructor(code: Code, message: string, options: { details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.details = options.details;
  }
}

/** One validation error per bad field, gathered so that a caller sees every problem at once. */
export function validationError(errors: FieldError[], message = '输入校验未通过 / validation failed'): DomainError<'VALIDATION_FAILED'> {
  return new DomainError('VALIDATION_FAILED', message, { details: { errors } });
}
