import type { ResourceDraft } from '../../../core/catalog/resource.ts';
import type { FieldError } from '../../../core/shared/domain-error.ts';

/**
 * What an import yields. `drafts` holds only the resources that read without a problem, so every
 * draft is complete; `errors` holds every problem found, each with its row's path.
 */
export interface ParsedCatalog {
  drafts: ResourceDraft[];
  errors: FieldError[];
}

/** Turns an id or a `law 第X条` / `law article` reference into a registered legal-basis id. */
export type LegalBasisResolver = (reference: string) => string | undefined;
