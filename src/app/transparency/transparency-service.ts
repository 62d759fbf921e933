import type { Organisation } from '../../core/identity/organisation.ts';
import { buildTransparencyReport, REPORT_METRICS, reportPeriods, type PeriodKind, type ReportDepartment, type ReportMetric, type ReportPeriod, type TransparencyReport } from '../../core/transparency/index.ts';
import type { AppContext } from '../context.ts';
import type { RegionService } from '../directory/region-service.ts';

export interface ReportQuery {
  regionCode: string;
  /** First month, YYYY-MM. */
  from: string;
  /** Last month, YYYY-MM, included. */
  to: string;
  period: PeriodKind;
}

const PAGE = 500;

/**
 * The public transparency report (透明度报告, issue #8 §6): per department and period, how much
 * was shared, refused, exchanged, alerted on and sanctioned. Public aggregates only; small counts
 * are suppressed in core (suppress-small-counts.ts). Reading it writes nothing: anyone may read
 * it, and an audit entry per anonymous read would let anyone fill the log.
 */
export class TransparencyService {
  private readonly context: AppContext;
  private readonly regions: RegionService;

  constructor(context: AppContext, regions: RegionService) {
    this.context = context;
    this.regions = regions;
  }

  async report(query: ReportQuery): Promise<TransparencyReport> {
    const now = this.context.clock.now();
    const calendar = reportPeriods(query.from, query.to, query.period, now);
    const region = await this.regions.get(query.regionCode);
    const departments = await this.departments(region.code);
    const orgIds = departments.map((department) => department.id);
    const repository = this.context.store.read.transparency;
    const windowOf = (period: ReportPeriod) => ({ start: period.start, end: period.end, orgIds });
    // A Record, so that a metric added to core without a query here fails to compile.
    const counters: Record<ReportMetric, (period: ReportPeriod) => Promise<Map<string, number>>> = {
      grantsIssued: (period) => repository.grantsIssued(windowOf(period)),
      grantsInForce: (period) => repository.grantsInForce(period.end, orgIds),
      refusals: (period) => repository.refusals(windowOf(period)),
      gatewayCalls: (period) => repository.gatewayCalls(windowOf(period)),
      recordsDelivered: (period) => repository.recordsDelivered(windowOf(period)),
      alerts: (period) => repository.alerts(windowOf(period)),
      cases: (period) => repository.cases(windowOf(period)),
      sanctions: (period) => repository.sanctions(windowOf(period)),
    };
    // Counted per month whatever the granularity: quarters are built from suppressed months (core).
    const counts = {} as Record<ReportMetric, Map<string, number>[]>;
    for (const metric of REPORT_METRICS) {
      counts[metric] = [];
      for (const month of calendar.months) counts[metric].push(await counters[metric](month));
    }
    return buildTransparencyReport({
      region: { code: region.code, name: region.name },
      periodKind: query.period,
      from: query.from,
      to: query.to,
      generatedAt: now.toISOString(),
      calendar,
      departments,
      counts,
    });
  }

  /** The region's own organisations that share, use or oversee data: departments, contractors and the supervision authority (not the platform operator). */
  private async departments(regionCode: string): Promise<ReportDepartment[]> {
    const found: Organisation[] = [];
    for (;;) {
      const page = await this.context.store.read.organisations.list({ regionCode, after: found.at(-1)?.id, limit: PAGE });
      found.push(...page);
      if (page.length < PAGE) break;
    }
    return found.filter((organisation) => organisation.kind !== 'platform').map((organisation) => ({ id: organisation.id, name: organisation.name }));
  }
}
