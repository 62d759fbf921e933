import type { Organisation } from '../../../core/identity/organisation.ts';
import { normalizeUscc, validateUscc } from '../../../core/pii/index.ts';
import type { OrganisationRepository } from '../../../storage/repositories/organisations.ts';

/** How a directory import finds organisations already registered. */
export interface OrganisationLookup {
  byUscc(uscc: string): Promise<Organisation | undefined>;
  /** Every organisation with exactly this name (names are not unique, USCCs are). */
  byName(name: string): Promise<Organisation[]>;
}

const PAGE = 500;

/**
 * The lookup over the store. There is no name index: a county registers some hundreds of
 * organisations, and a people file names a few dozen of them, so paging through is cheap.
 */
export function storeOrganisationLookup(organisations: Pick<OrganisationRepository, 'getByUscc' | 'list'>): OrganisationLookup {
  return {
    byUscc: (uscc) => organisations.getByUscc(normalizeUscc(uscc)),
    async byName(name) {
      const found: Organisation[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await organisations.list({ after, limit: PAGE });
        found.push(...page.filter((organisation) => organisation.name === name));
        if (page.length < PAGE) return found;
        after = page[page.length - 1]!.id;
      }
    },
  };
}

/** Ids of the registered organisations among `usccs`, keyed by normalised USCC. */
export async function idsByUscc(lookup: OrganisationLookup, usccs: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const uscc of usccs) {
    const organisation = await lookup.byUscc(uscc);
    if (organisation) ids.set(normalizeUscc(uscc), organisation.id);
  }
  return ids;
}

/**
 * Ids for references that are a USCC or an exact name, keyed by the reference as written. A name
 * shared by several organisations resolves to none: guessing would put a person in the wrong one.
 */
export async function idsByReference(lookup: OrganisationLookup, references: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const reference of references) {
    const uscc = validateUscc(reference);
    const matches = uscc.valid ? [await lookup.byUscc(uscc.normalized)].filter((found) => found !== undefined) : await lookup.byName(reference);
    if (matches.length === 1) ids.set(reference, matches[0]!.id);
  }
  return ids;
}
