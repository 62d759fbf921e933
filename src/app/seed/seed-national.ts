import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { SEEDED_LEGAL_BASES } from './legal-bases.ts';

/** Registers the seeded legal bases that are not yet there. Safe to run at every migration. */
export async function seedNational(context: AppContext): Promise<number> {
  return context.store.transaction(async (repositories) => {
    let added = 0;
    for (const basis of SEEDED_LEGAL_BASES) {
      if (await repositories.legalBases.find(basis.law, basis.article)) continue;
      const id = context.ids.next();
      await repositories.legalBases.insert({ id, ...basis });
      await repositories.audit.append({ actor: PROCESS_ACTOR, action: 'directory.legal_basis.created', object: `legal_basis:${id}`, details: { law: basis.law, article: basis.article } });
      added += 1;
    }
    return added;
  });
}
