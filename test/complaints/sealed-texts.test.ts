import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPLAINT_TEXTS_KEY } from '../../src/app/complaints/complaint-texts.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { rawDatabaseBytes } from '../support/raw-database.ts';
import { buildWorld, REGION, type World } from '../support/world.ts';

// Distinctive texts, so that any plaintext copy in the database would be found.
const SUMMARY = '欧阳春梅反映低保名单被外包公司拷贝';
const DETAILS = '本人欧阳春梅，身份证号 33119919800101002X，发现名单在某营销群流传。';
const CONTACT = '欧阳春梅 13971000037';
const ANSWER = '经查欧阳春梅反映的外包公司拷贝名单一事属实';
const REASON = '欧阳春梅提供的线索经查属实';
const TEXTS = [SUMMARY, DETAILS, CONTACT, ANSWER, REASON];

function plaintextIn(bytes: Buffer): string[] {
  return TEXTS.filter((text) => bytes.includes(Buffer.from(text, 'utf8')));
}

/**
 * 《数据安全法》第十二条 (the filer kept confidential); 《个人信息保护法》第五十一条 (encryption as a
 * security measure): what filers and handlers write is sealed at rest.
 */
describe.each(DIALECTS)('complaint texts sealed at rest (%s)', (dialect) => {
  let test: TestRuntime;
  let world: World;
  afterEach(async () => test.close());

  /** A report filed, acknowledged, answered as substantiated and rewarded: every text written. */
  async function handled(): Promise<string> {
    test = await createTestRuntime(dialect);
    world = await buildWorld(test.runtime);
    const { complaints } = test.runtime.services;
    await complaints.file({ regionCode: REGION, kind: 'report', category: 'unlawful_sharing', summary: SUMMARY, details: DETAILS, contact: CONTACT, departmentId: world.orgs.civil });
    const supervisor = await principalFor(test.runtime, world.people.supervisor.id);
    const [filed] = (await complaints.list(supervisor, { limit: 10 })).complaints;
    await complaints.acknowledge(supervisor, filed!.id, {});
    await complaints.answer(supervisor, filed!.id, { outcome: 'substantiated', answer: ANSWER });
    await complaints.decideReward(supervisor, filed!.id, { decision: 'granted', amountYuan: 300, reason: REASON });
    return filed!.id;
  }

  it('keeps the summary, details, contact, answer and reward reason out of the database, and reads them back', async () => {
    const id = await handled();
    const sources = rawDatabaseBytes(test.runtime);
    // The search would prove nothing if it did not reach the complaint's row: its tracking number is stored as it is.
    const { trackingNumber } = (await test.runtime.context.store.read.complaints.get(id))!;
    expect(sources.some(({ bytes }) => bytes.includes(Buffer.from(trackingNumber)))).toBe(true);
    for (const { name, bytes } of sources) expect(plaintextIn(bytes), name).toEqual([]);
    const stored = await test.runtime.context.store.read.complaints.get(id);
    expect(stored).toMatchObject({ textsSealed: true });
    expect(TEXTS.some((text) => JSON.stringify(stored).includes(text))).toBe(false);

    const supervisor = await principalFor(test.runtime, world.people.supervisor.id);
    const read = await test.runtime.services.complaints.get(supervisor, id);
    expect(read).toMatchObject({ summary: SUMMARY, details: DETAILS, contact: CONTACT, answer: ANSWER, reward: { reason: REASON } });
    expect(read).not.toHaveProperty('textsSealed');
    expect((await test.runtime.context.store.read.dataKeys.get(COMPLAINT_TEXTS_KEY))?.suite).toBe('intl');
  });

  it('binds each text to its complaint and field: a ciphertext moved elsewhere does not open', async () => {
    const id = await handled();
    const { db } = test.runtime.database;
    // Someone with write access to the database swaps the answer into the summary.
    await sql`update complaints set summary = answer where id = ${id}`.execute(db);
    const supervisor = await principalFor(test.runtime, world.people.supervisor.id);
    await expect(test.runtime.services.complaints.get(supervisor, id)).rejects.toMatchObject({ code: 'DECRYPTION_FAILED' });
  });

  it('reads complaints filed before sealing began as they were written', async () => {
    const id = await handled();
    const { db } = test.runtime.database;
    await sql`update complaints set texts_sealed = 0, summary = ${'旧投诉的摘要'}, details = ${'旧投诉的内容'}, contact = null, answer = ${'旧答复'}, reward_reason = ${'旧理由'} where id = ${id}`.execute(db);
    const supervisor = await principalFor(test.runtime, world.people.supervisor.id);
    expect(await test.runtime.services.complaints.get(supervisor, id)).toMatchObject({ summary: '旧投诉的摘要', details: '旧投诉的内容', contact: null, answer: '旧答复', reward: { reason: '旧理由' } });
  });

  it('rotates with the other data keys: old key-encryption key removed, texts still read', async () => {
    const id = await handled();
    const before = await test.runtime.context.store.read.dataKeys.get(COMPLAINT_TEXTS_KEY);
    const { rewrapped } = await test.runtime.services.dataKeys.rotate(null);
    expect(rewrapped).toBeGreaterThanOrEqual(1);
    await test.runtime.services.dataKeys.removeKek(null, before!.kekId);
    const supervisor = await principalFor(test.runtime, world.people.supervisor.id);
    expect(await test.runtime.services.complaints.get(supervisor, id)).toMatchObject({ summary: SUMMARY, answer: ANSWER });
  });
});
