import type { ResourceDraft } from '../../../core/catalog/resource.ts';
import type { FieldError } from '../../../core/shared/domain-error.ts';

/**
 * What an import yields. `drafts` holds only the resources that read without a problem, so every
 * draft is complete; `errors` holds every problem found, each with its row's path.
 */
export interface ParsedCatalog {
  drafts: ResourceDraft[];
  /** Where each draft came from, parallel to `drafts`, so later errors can name file rows. */
  origins: DraftOrigin[];
  errors: FieldError[];
}

/**
 * A draft's place in the file: `row` is its first data row (its array position in JSON), and in
 * the tabular layouts `itemRows[i]` is the row of its i-th item.
 */
export interface DraftOrigin {
  row: number;
  itemRows: number[] | null;
}

/** Turns an id or a `law 第X条` / `law article` reference into a registered legal-basis id. */
export type LegalBasisResolver = (reference: string) => string | undefined;
