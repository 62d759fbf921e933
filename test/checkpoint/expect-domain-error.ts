import { expect } from 'vitest';
import { DomainError } from '../../src/core/shared/domain-error.ts';

/** Asserts that `action` throws a DomainError with `code`, and returns it for further checks. */
export function expectDomainError(action: () => unknown, code: string): DomainError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected DomainError ${code}`).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  return caught as DomainError;
}
