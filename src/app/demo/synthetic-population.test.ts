import { describe, expect, it } from 'vitest';
import { checkRow } from '../../core/catalog/check-row.ts';
import { validateMobile, validateResidentId, validateUscc } from '../../core/pii/index.ts';
import { DEMO_RESOURCES } from './demo-catalog.ts';
import { demoDatasetRows, syntheticCitizens, syntheticCompanies } from './synthetic-population.ts';

const CITIZENS = syntheticCitizens(10_000, 20260101);
const COMPANIES = syntheticCompanies(800, 20260101);

describe('syntheticCitizens', () => {
  it('is reproducible from its seed, and a different seed gives different people', () => {
    expect(syntheticCitizens(200, 7)).toEqual(syntheticCitizens(200, 7));
    expect(syntheticCitizens(200, 8)).not.toEqual(syntheticCitizens(200, 7));
    // A longer list starts with the shorter one.
    expect(syntheticCitizens(300, 7).slice(0, 200)).toEqual(syntheticCitizens(200, 7));
  });

  it('gives 10,000 people valid, unique resident IDs and mobile numbers, the sex and birth date matching the ID', () => {
    expect(CITIZENS).toHaveLength(10_000);
    expect(new Set(CITIZENS.map((citizen) => citizen.residentId)).size).toBe(10_000);
    expect(new Set(CITIZENS.map((citizen) => citizen.mobile)).size).toBe(10_000);
    for (const citizen of CITIZENS) {
      const id = validateResidentId(citizen.residentId);
      if (!id.valid) throw new Error(`invalid resident ID for citizen ${CITIZENS.indexOf(citizen)}: ${id.reason}`);
      expect(id.normalized).toBe(citizen.residentId);
      expect(id.sex).toBe(citizen.sex === '男' ? 'male' : 'female');
      expect(id.birthDate).toBe(citizen.birthDate);
      expect(citizen.birthDate >= '1940-01-01' && citizen.birthDate <= '2020-12-31').toBe(true);
      expect(validateMobile(citizen.mobile)).toEqual({ valid: true, normalized: citizen.mobile });
      expect(citizen.name).toMatch(/^\p{Script=Han}{2,3}$/u);
      expect(citizen.address).toMatch(/^云溪县\p{Script=Han}+[镇乡]\p{Script=Han}+村\d+号$/u);
    }
  });

  it('registers most people in the demo county and some elsewhere, both sexes about equally', () => {
    const inCounty = CITIZENS.filter((citizen) => citizen.residentId.startsWith('331199')).length;
    expect(inCounty / CITIZENS.length).toBeGreaterThan(0.85);
    expect(inCounty / CITIZENS.length).toBeLessThan(0.95);
    const men = CITIZENS.filter((citizen) => citizen.sex === '男').length;
    expect(Math.abs(men / CITIZENS.length - 0.5)).toBeLessThan(0.03);
  });
});

describe('syntheticCompanies', () => {
  it('is reproducible from its seed and gives valid, unique USCCs and names', () => {
    expect(syntheticCompanies(100, 3)).toEqual(syntheticCompanies(100, 3));
    expect(syntheticCompanies(100, 4)).not.toEqual(syntheticCompanies(100, 3));
    expect(new Set(COMPANIES.map((company) => company.uscc)).size).toBe(COMPANIES.length);
    expect(new Set(COMPANIES.map((company) => company.name)).size).toBe(COMPANIES.length);
    for (const company of COMPANIES) {
      expect(validateUscc(company.uscc)).toEqual({ valid: true, normalized: company.uscc });
      expect(company.uscc.slice(2, 8)).toBe('331199');
      expect(company.foundedOn >= '1995-01-01' && company.foundedOn <= '2025-12-31').toBe(true);
    }
  });
});

describe('demoDatasetRows', () => {
  const hosted = DEMO_RESOURCES.filter((resource) => resource.publish && resource.draft.sharing.type !== 'none' && resource.draft.items.some((item) => item.subjectKey));

  it('gives rows for every published, shared resource with a subject key, and none for the others', () => {
    for (const resource of DEMO_RESOURCES) {
      const rows = demoDatasetRows(resource.draft.code, CITIZENS, COMPANIES);
      if (hosted.includes(resource)) expect(rows?.length, resource.draft.code).toBeGreaterThan(0);
      else expect(rows, resource.draft.code).toBeNull();
    }
    expect(demoDatasetRows('331199-XX-9999', CITIZENS, COMPANIES)).toBeNull();
    expect(demoDatasetRows('constructor', CITIZENS, COMPANIES)).toBeNull();
  });

  for (const resource of hosted) {
    it(`${resource.draft.code} ${resource.draft.name}: every row passes checkRow unchanged, one row per subject`, () => {
      const rows = demoDatasetRows(resource.draft.code, CITIZENS, COMPANIES) ?? [];
      const items = resource.draft.items;
      const keyCode = items.find((item) => item.subjectKey)?.code ?? '';
      rows.forEach((row, index) => {
        expect(Object.keys(row).sort()).toEqual(items.map((item) => item.code).sort());
        expect(checkRow(items, row, index + 1)).toEqual({ values: row });
      });
      expect(new Set(rows.map((row) => row[keyCode])).size).toBe(rows.length);
    });
  }

  it('draws plausible shares of the county: the household register, ~3% 低保, ~60% of adults insured', () => {
    const county = CITIZENS.filter((citizen) => citizen.residentId.startsWith('331199'));
    expect(demoDatasetRows('331199-GA-0001', CITIZENS, COMPANIES)).toHaveLength(county.length);
    expect(demoDatasetRows('331199-GA-0002', CITIZENS, COMPANIES)).toHaveLength(county.length);
    const assisted = demoDatasetRows('331199-MZ-0001', CITIZENS, COMPANIES)?.length ?? 0;
    expect(assisted / county.length).toBeGreaterThan(0.01);
    expect(assisted / county.length).toBeLessThan(0.05);
    const insured = demoDatasetRows('331199-RS-0001', CITIZENS, COMPANIES)?.length ?? 0;
    expect(insured / county.length).toBeGreaterThan(0.4);
    expect(insured / county.length).toBeLessThan(0.65);
    const migrants = demoDatasetRows('331199-GA-0003', CITIZENS, COMPANIES) ?? [];
    expect(migrants.every((row) => !row.resident_id?.startsWith('331199'))).toBe(true);
    expect(demoDatasetRows('331199-SC-0001', CITIZENS, COMPANIES)).toHaveLength(COMPANIES.length);
  });

  it('gives a person the same row whoever else is in the list', () => {
    const all = demoDatasetRows('331199-RS-0001', CITIZENS, COMPANIES) ?? [];
    const some = demoDatasetRows('331199-RS-0001', CITIZENS.slice(5_000), COMPANIES) ?? [];
    const byId = new Map(all.map((row) => [row.resident_id, row]));
    for (const row of some) expect(byId.get(row.resident_id)).toEqual(row);
  });
});
