import type { Services } from '../services.ts';
import { DEMO_RESOURCES } from './demo-catalog.ts';
import { demoDatasetRows, syntheticCitizens, syntheticCompanies, type SyntheticCitizen, type SyntheticCompany } from './synthetic-population.ts';

/**
 * The demo county's population: how many, and the seed it grows from. Fixed, so that every
 * `custos demo` holds the same people and a README example or a screenshot stays true.
 */
export const DEMO_POPULATION = { citizens: 10_000, companies: 500, seed: 20260101 } as const;

export interface DemoPopulation {
  citizens: SyntheticCitizen[];
  companies: SyntheticCompany[];
  /** The hosted datasets of the demo catalog, in catalog order, each with its rows by item code. */
  datasets: { resourceCode: string; name: string; rows: Record<string, string | null>[] }[];
}

/** Makes the population and the rows of every resource the demo hosts; nothing is written yet. */
export function demoPopulation(): DemoPopulation {
  const citizens = syntheticCitizens(DEMO_POPULATION.citizens, DEMO_POPULATION.seed);
  const companies = syntheticCompanies(DEMO_POPULATION.companies, DEMO_POPULATION.seed);
  const datasets: DemoPopulation['datasets'] = [];
  for (const resource of DEMO_RESOURCES) {
    const rows = demoDatasetRows(resource.draft.code, citizens, companies);
    if (rows !== null) datasets.push({ resourceCode: resource.draft.code, name: resource.draft.name, rows });
  }
  return { citizens, companies, datasets };
}

/**
 * Loads each hosted dataset through the same service a provider's upload goes through, so the
 * demo's rows are checked, their personal items encrypted and their terms indexed exactly as real
 * ones would be. NDJSON keyed by item code is the plainest way in. `principal` null: the server
 * process loads them, as `custos dataset load` does.
 */
export async function seedDemoDatasets(services: Services, datasets: DemoPopulation['datasets'], progress: { step(label: string): void; note(label: string): void }): Promise<void> {
  for (const dataset of datasets) {
    const text = dataset.rows.map((row) => JSON.stringify(row)).join('\n');
    // The household register takes seconds to encrypt and index: show it moving.
    const moving = ({ rows }: { rows: number }) => progress.note(`${dataset.name} ${rows}/${dataset.rows.length}`);
    const outcome = await services.datasets.load(null, dataset.resourceCode, { bytes: new TextEncoder().encode(text) }, 'json', moving);
    progress.step(`${dataset.name} ${outcome.rows} 行 / rows`);
  }
}
