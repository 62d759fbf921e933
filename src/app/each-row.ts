import { DomainError, validationError, type FieldError } from '../core/shared/domain-error.ts';

/**
 * Runs `work` for every row of a bulk import, carrying on past bad rows so that every error of
 * every row is gathered, with paths under `/rows/N` (N counting from 1).
 */
export async function collectRows<Input, Output>(inputs: readonly Input[], work: (input: Input, path: string) => Promise<Output>): Promise<{ results: Output[]; errors: FieldError[] }> {
  const results: Output[] = [];
  const errors: FieldError[] = [];
  for (const [index, input] of inputs.entries()) {
    try {
      results.push(await work(input, `/rows/${index + 1}`));
    } catch (error) {
      if (!(error instanceof DomainError) || !error.details?.errors) throw error;
      errors.push(...error.details.errors);
    }
  }
  return { results, errors };
}

/**
 * Like collectRows, then refuses the whole batch if any row (or an earlier pass) failed. Called
 * inside a transaction, the refusal rolls everything back: nothing is half-imported.
 */
export async function eachRow<Input, Output>(inputs: readonly Input[], work: (input: Input, path: string) => Promise<Output>, earlier: FieldError[] = []): Promise<Output[]> {
  const { results, errors } = await collectRows(inputs, work);
  if (earlier.length + errors.length > 0) throw validationError([...earlier, ...errors], '导入未通过校验，未写入任何数据 / import failed validation; nothing was written');
  return results;
}
