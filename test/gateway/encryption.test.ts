import { afterEach, describe, expect, it } from 'vitest';
import { DataKeys } from '../../src/app/exchange/data-keys.ts';
import type { Item } from '../../src/core/catalog/resource.ts';
import { conditionalDraft } from '../support/drafts.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { rawDatabaseBytes } from '../support/raw-database.ts';
import { buildWorld } from '../support/world.ts';
import { residentId } from './gateway-world.ts';

const item = (code: string, name: string, extra: Partial<Item>): Item => ({ code, name, dataType: 'string', piClass: 'personal', sensitiveCategory: null, grade: 'general-2', mask: 'none', subjectKey: false, ...extra });
const ITEMS: Item[] = [
  item('name', '姓名', { mask: 'name' }),
  item('resident_id', '公民身份号码', { piClass: 'sensitive', sensitiveCategory: 'specific_identity', grade: 'general-3', mask: 'resident_id', subjectKey: true }),
  item('mobile', '手机号码', { mask: 'mobile' }),
  item('household_size', '家庭人口', { piClass: 'none', grade: 'general-1' }),
];

/** 200 people with distinctive names and numbers, so that any plaintext copy would be found. */
const PEOPLE = Array.from({ length: 200 }, (_, index) => ({
  name: `欧阳${'春夏秋冬'[index % 4]}${'梅兰竹菊'[Math.floor(index / 4) % 4]}${index}`,
  residentId: residentId('331199', `19${String(50 + (index % 40)).padStart(2, '0')}0${1 + (index % 9)}1${index % 10}`, 100 + index),
  mobile: `139${String(71000000 + index * 37).padStart(8, '0')}`,
}));

const csv = () => new TextEncoder().encode(['姓名,公民身份号码,手机号码,家庭人口', ...PEOPLE.map((person, index) => `${person.name},${person.residentId},${person.mobile},${1 + (index % 5)}`)].join('\n'));

function plaintextIn(bytes: Buffer): string[] {
  return PEOPLE.flatMap((person) => [person.name, person.residentId, person.mobile]).filter((value) => bytes.includes(Buffer.from(value, 'utf8')));
}

/** GB/T 39477-2020: sensitive data encrypted at rest; the key-encryption keys live apart from it. */
const CASES = DIALECTS.flatMap((dialect) => (['intl', 'gm'] as const).map((suite) => [dialect, suite] as const));

describe.each(CASES)('encryption at rest (%s, %s suite)', (dialect, suite) => {
  let test: TestRuntime;
  afterEach(async () => test.close());

  async function loaded(): Promise<void> {
    test = await createTestRuntime(dialect, { cryptoSuite: suite });
    const world = await buildWorld(test.runtime);
    const police = await principalFor(test.runtime, world.people.policeAdmin.id);
    await test.runtime.services.catalog.create(police, conditionalDraft('CONTACT', world.legalBasisId, { name: '联系人信息', items: ITEMS }));
    await test.runtime.services.catalog.publish(police, 'CONTACT');
    await test.runtime.services.datasets.load(police, 'CONTACT', { bytes: csv() }, 'csv');
    expect((await test.runtime.context.store.read.dataKeys.get('CONTACT'))?.suite).toBe(suite);
  }

  it('leaves no loaded resident ID, name or phone number in plaintext in the database', async () => {
    await loaded();
    // The check would be meaningless if the values were not in the file we load.
    expect(plaintextIn(Buffer.from(csv()))).toHaveLength(PEOPLE.length * 3);
    const sources = rawDatabaseBytes(test.runtime);
    if (dialect === 'postgres') expect(sources[0]!.bytes.includes(Buffer.from('dataset_rows'))).toBe(true);
    for (const { name, bytes } of sources) expect(plaintextIn(bytes), name).toEqual([]);
  });

  it('rotates the key-encryption key by rewrapping: old key deleted, ciphertext unchanged, data still reads', async () => {
    await loaded();
    const read = test.runtime.context.store.read;
    const rows = async () => (await read.datasets.find('CONTACT', { terms: [], subjectIndex: null, regionPrefixes: null, afterRow: 0, limit: 1000 })).map((row) => row.sealed);
    const before = await rows();
    const oldKey = (await read.dataKeys.get('CONTACT'))!;
    const { kekId, rewrapped } = await test.runtime.services.dataKeys.rotate(null);
    // The resource's data key and the one that seals the people's TOTP seeds (sealed-secrets.ts).
    expect(rewrapped).toBe(2);
    const newKey = (await read.dataKeys.get('CONTACT'))!;
    expect(newKey.kekId).toBe(kekId);
    expect(newKey.wrapped).not.toBe(oldKey.wrapped);
    await test.runtime.services.dataKeys.removeKek(null, oldKey.kekId);
    expect((await test.runtime.context.vault.keyStore.list()).map((kek) => kek.id)).toEqual([kekId]);
    expect(await rows()).toEqual(before);
    // A fresh process holds no unwrapped key: it must unwrap under the new KEK.
    const fresh = new DataKeys(test.runtime.context);
    const cipher = await fresh.cipherFor('CONTACT');
    const [first] = await read.datasets.find('CONTACT', { terms: [], subjectIndex: null, regionPrefixes: null, afterRow: 0, limit: 1 });
    expect(cipher.decrypt(first!.sealed['mobile']!, `CONTACT/mobile/${first!.version}/${first!.rowNumber}`)).toBe(PEOPLE[0]!.mobile);
    await expect(test.runtime.services.dataKeys.removeKek(null, kekId)).rejects.toMatchObject({ code: 'KEK_IN_USE' });
  });
});
