import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import type { LegalBasis } from '../../core/identity/person.ts';
import { validationError } from '../../core/shared/domain-error.ts';
import { actorOf, requireRole, type AppContext, type Principal } from '../context.ts';

/** The legal-basis registry: references to provisions, never copied legal text. */
export class LegalBasisService {
  private readonly context: AppContext;

  constructor(context: AppContext) {
    this.context = context;
  }

  list(): Promise<LegalBasis[]> {
    return this.context.store.read.legalBases.list();
  }

  async create(principal: Principal | null, input: Omit<LegalBasis, 'id'>): Promise<LegalBasis> {
    if (principal) requireRole(principal, 'platform_admin', 'supervisor');
    return this.context.store.transaction(async (repositories) => {
      if (await repositories.legalBases.find(input.law, input.article)) {
        throw validationError([{ path: '/article', code: 'LEGAL_BASIS_EXISTS', message: '该条款已登记 / this article is already registered' }]);
      }
      const basis: LegalBasis = { id: this.context.ids.next(), ...input };
      await repositories.legalBases.insert(basis);
      await repositories.audit.append({ actor: principal ? actorOf(principal) : PROCESS_ACTOR, action: 'directory.legal_basis.created', object: `legal_basis:${basis.id}`, details: { law: basis.law, article: basis.article } });
      return basis;
    });
  }
}
