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
import { fetchTransport } from './webhooks/fetch-transport.ts';
import { WebhookService } from './webhooks/webhook-service.ts';
import { BulletinService } from './bulletins/bulletin-service.ts';
import { TransparencyService } from './transparency/transparency-service.ts';
import { CaseService } from './accountability/case-service.ts';
import { ComplaintTexts } from './complaints/complaint-texts.ts';
import { ComplaintService } from './complaints/complaint-service.ts';
import { PublicationService } from './publication/publication-service.ts';
import { dataKeysOf, type DataKeys } from './exchange/data-keys.ts';
import { DatasetService } from './exchange/dataset-service.ts';
import { ExchangeService } from './exchange/exchange-service.ts';
import { LeakTraceService } from './leak-traces/leak-trace-service.ts';
import { AlertService } from './defence/alert-service.ts';
import { ContainmentService } from './defence/containment-service.ts';
import { DetectionService } from './defence/detection-service.ts';
import { ConsentService } from './sharing/consent-service.ts';
import { CitizenAuthService } from './citizen/citizen-auth-service.ts';
import { CitizenViewService } from './citizen/citizen-view-service.ts';
import { HoldBackService } from './citizen/hold-back-service.ts';
import { GrantService } from './sharing/grant-service.ts';
import { InboxService } from './sharing/inbox-service.ts';
import { SharingPolicyService } from './sharing/policy-service.ts';
import { Procedure } from './sharing/procedure.ts';
import { RequestService } from './sharing/request-service.ts';
import { SharingSweep } from './sharing/sharing-sweep.ts';
import type { SharingEvents } from './sharing/sharing-events.ts';
import { PublicLimits } from './public-limits.ts';

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
  webhooks: WebhookService;
  bulletins: BulletinService;
  cases: CaseService;
  complaints: ComplaintService;
  consents: ConsentService;
  citizenAuth: CitizenAuthService;
  citizenView: CitizenViewService;
  holdBacks: HoldBackService;
  requests: RequestService;
  grants: GrantService;
  sharingPolicy: SharingPolicyService;
  inbox: InboxService;
  sharingSweep: SharingSweep;
  publication: PublicationService;
  dataKeys: DataKeys;
  datasets: DatasetService;
  exchange: ExchangeService;
  leakTraces: LeakTraceService;
  alerts: AlertService;
  containments: ContainmentService;
  detection: DetectionService;
  transparency: TransparencyService;
  publicLimits: PublicLimits;
}

export function createServices(context: AppContext, signing: AuditSigning, auditRetentionMonths: number): Services {
  const people = new PersonService(context);
  const organisations = new OrganisationService(context);
  const legalBases = new LegalBasisService(context);
  const regions = new RegionService(context);
  const webhooks = new WebhookService(context, fetchTransport);
  const { procedure, grants, requests } = createSharingServices(context, people, regions, webhooks.enqueue.bind(webhooks));
  // A re-graded resource sends its live grants to review (GB/T 43697 动态更新).
  const dataKeys = dataKeysOf(context);
  const catalog = new CatalogService(context, people, (repositories, resource, principal) => grants.sendToReview(repositories, resource, principal));
  const containments = new ContainmentService(context);
  const alerts = new AlertService(context, regions, containments);
  const consents = new ConsentService(context, procedure);
  const audit = new AuditService(context, signing, auditRetentionMonths);
  const cases = new CaseService(context, people, regions, grants, audit);
  return {
    audit,
    auth: new AuthService(context),
    regions,
    organisations,
    people,
    credentials: new CredentialService(context),
    legalBases,
    catalog,
    catalogTransfer: new CatalogTransferService(catalog, legalBases),
    directoryImport: new DirectoryImportService(organisations, people, storeOrganisationLookup(context.store.read.organisations)),
    webhooks,
    bulletins: new BulletinService(context, people, regions),
    cases,
    // A substantiated complaint opens its case in the answer's own transaction.
    complaints: new ComplaintService(context, people, regions, new ComplaintTexts(dataKeys), (repositories, principal, filing) => cases.fileIn(repositories, principal, filing)),
    consents,
    citizenAuth: new CitizenAuthService(context),
    citizenView: new CitizenViewService(context, consents),
    holdBacks: new HoldBackService(context, people),
    requests,
    grants,
    sharingPolicy: new SharingPolicyService(context, people, procedure),
    inbox: new InboxService(context),
    sharingSweep: new SharingSweep(context, requests, grants),
    publication: new PublicationService(context),
    dataKeys,
    datasets: new DatasetService(context, dataKeys),
    exchange: new ExchangeService(context, dataKeys),
    leakTraces: new LeakTraceService(context),
    alerts,
    containments,
    detection: new DetectionService(context, alerts, regions),
    transparency: new TransparencyService(context, regions),
    publicLimits: new PublicLimits(context.clock),
  };
}

/** The sharing procedure's services; the demo also builds them on a clock of its own to seed history. */
export function createSharingServices(context: AppContext, people: PersonService, regions: RegionService, events: SharingEvents): { procedure: Procedure; grants: GrantService; requests: RequestService } {
  const procedure = new Procedure(regions);
  const grants = new GrantService(context, people, procedure, events);
  return { procedure, grants, requests: new RequestService(context, people, procedure, grants, events) };
}
