import { AuditService, type AuditSigning } from './audit/audit-service.ts';
import { CatalogService } from './catalog/catalog-service.ts';
import { CatalogTransferService } from './catalog/catalog-transfer-service.ts';
import type { AppContext } from './context.ts';
import { CredentialService } from './directory/credential-service.ts';
import { LegalBasisService } from './directory/legal-basis-service.ts';
import { OrganisationService } from './directory/organisation-service.ts';
import { PersonService } from './directory/person-service.ts';
import { RegionService } from './directory/region-service.ts';
import { AuthService } from './identity/auth-service.ts';
import { DirectoryImportService } from './directory/transfer/directory-import-service.ts';
import { storeOrganisationLookup } from './directory/transfer/organisation-lookup.ts';

/** The use cases, as the edges (HTTP, CLI) see them. */
export interface Services {
  audit: AuditService;
  auth: AuthService;
  regions: RegionService;
  organisations: OrganisationService;
  people: PersonService;
  credentials: CredentialService;
  legalBases: LegalBasisService;
  catalog: CatalogService;
  catalogTransfer: CatalogTransferService;
  directoryImport: DirectoryImportService;
}

export function createServices(context: AppContext, signing: AuditSigning, auditRetentionMonths: number): Services {
  const people = new PersonService(context);
  const organisations = new OrganisationService(context);
  const legalBases = new LegalBasisService(context);
  const catalog = new CatalogService(context, people);
  return {
    audit: new AuditService(context, signing, auditRetentionMonths),
    auth: new AuthService(context),
    regions: new RegionService(context),
    organisations,
    people,
    credentials: new CredentialService(context),
    legalBases,
    catalog,
    catalogTransfer: new CatalogTransferService(catalog, legalBases),
    directoryImport: new DirectoryImportService(organisations, people, storeOrganisationLookup(context.store.read.organisations)),
  };
}
