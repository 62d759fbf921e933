import { createHash } from 'node:crypto';
import type { DataType } from '../catalog/resource.ts';
import type { Grade } from '../catalog/grade.ts';
import type { MaskName } from '../masking/index.ts';
import { bankCardCheckDigit } from '../pii/bank-card.ts';
import { residentIdCheckCharacter } from '../pii/resident-id.ts';

/**
 * Canary records (泄露溯源 诱饵记录, issue #8 §3): a synthetic data subject that only one grant
 * ever receives. A leaked file holding it can have come from that grant's answers alone, so the
 * grant is identified at once, whatever else the file holds. Only grants of important and core
 * data carry one (《数据安全法》第二十一条: stricter protection for important and core data).
 */
export const CANARY_GRADES: ReadonlySet<Grade> = new Set<Grade>(['important', 'core']);

export function carriesCanary(grade: Grade): boolean {
  return CANARY_GRADES.has(grade);
}

/** What a canary needs to know of a catalog item to give it a plausible value. */
export interface CanaryItem {
  code: string;
  /** The catalog's mask, which says what kind of value the item holds. */
  mask: MaskName;
  dataType: DataType;
  subjectKey: boolean;
}

export interface CanarySubject {
  residentId: string;
  /** A value for every item, the subject key included, as a provider's row would hold it. */
  values: Record<string, string>;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建辉林波宇浩凯健俊帆帅旭宁欣怡佳琳晨阳雪婷倩颖峰斌亮辰轩睿博文彬昊杨嘉';
const STREETS = ['人民路', '解放路', '中山路', '建设路', '新华路', '文化路', '和平路', '胜利路', '青年路', '环城路'];
/** What a text item of unknown meaning holds in a canary: status words common in government registers. */
export const CANARY_WORDS = ['已登记', '正常', '待核实', '已办结', '在册', '已备案'] as const;
/** Mobile prefixes in service (MIIT numbering plan), so the number passes the recognizer's prefix check. */
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '158', '159', '177', '180', '181', '186', '187', '188', '189'];

/**
 * A deterministic stream of numbers from a seed: SHA-256 of the seed and a counter. The seed is a
 * keyed hash of the grant, so nobody without the deployment's key can compute a grant's canary
 * and strip it from a file before leaking it.
 */
class SeedStream {
  private readonly seed: string;
  private counter = 0;
  private buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(seed: string) {
    this.seed = seed;
  }

  /** An integer in [0, bound), bound at most 2^24; the bias of taking a remainder of 32 bits is below 2^-8. */
  below(bound: number): number {
    if (this.offset + 4 > this.buffer.length) {
      this.buffer = createHash('sha256').update(`${this.seed}/${this.counter}`).digest();
      this.counter += 1;
      this.offset = 0;
    }
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value % bound;
  }

  digits(count: number): string {
    let text = '';
    for (let index = 0; index < count; index += 1) text += String(this.below(10));
    return text;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.below(list.length)]!;
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A 16-digit card number of a UnionPay range (62) that passes the Luhn check, as the bank_card recognizer requires. */
function bankCard(stream: SeedStream): string {
  const body = `62${stream.digits(13)}`;
  return body + bankCardCheckDigit(body);
}

/**
 * The canary of one seed in one region: a resident ID with a valid birth date, sequence and GB
 * 11643 check character, and for every other item a value of the kind its mask names. The app
 * layer makes sure no real person of the dataset has the same number (it then takes the next seed).
 */
export function canarySubject(seed: string, regionCode: string, items: readonly CanaryItem[]): CanarySubject {
  const stream = new SeedStream(seed);
  const year = 1955 + stream.below(46);
  const month = 1 + stream.below(12);
  const day = 1 + stream.below(28);
  const birth = `${year}${pad(month, 2)}${pad(day, 2)}`;
  const body = `${regionCode}${birth}${pad(100 + stream.below(800), 3)}`;
  const residentId = body + residentIdCheckCharacter(body);
  const name = `${stream.pick([...SURNAMES])}${stream.pick([...GIVEN])}${stream.pick([...GIVEN])}`;
  const values: Record<string, string> = {};
  for (const item of items) values[item.code] = item.subjectKey ? residentId : valueFor(item, { stream, regionCode, birth: `${year}-${pad(month, 2)}-${pad(day, 2)}`, name, residentId });
  return { residentId, values };
}

function valueFor(item: CanaryItem, facts: { stream: SeedStream; regionCode: string; birth: string; name: string; residentId: string }): string {
  const { stream } = facts;
  switch (item.mask) {
    case 'name':
      return facts.name;
    case 'resident_id':
      return facts.residentId;
    case 'mobile':
      return `${stream.pick(MOBILE_PREFIXES)}${stream.digits(8)}`;
    case 'bank_card':
      return bankCard(stream);
    case 'address':
      return `${stream.pick(STREETS)}${1 + stream.below(300)}号${1 + stream.below(6)}幢${100 + stream.below(1500)}室`;
    case 'email':
      return `u${stream.digits(8)}@example.cn`;
    case 'birth_date':
      return facts.birth;
    case 'region_code':
      return facts.regionCode;
    case 'uscc':
    case 'none':
    case 'redact':
    case 'keyed_hash':
    case 'null':
      return byDataType(item.dataType, facts);
    default:
      return String(item.mask satisfies never);
  }
}

function byDataType(dataType: DataType, facts: { stream: SeedStream; birth: string }): string {
  const { stream } = facts;
  switch (dataType) {
    case 'integer':
      return String(1 + stream.below(9));
    case 'decimal':
      return `${1 + stream.below(999)}.${stream.digits(2)}`;
    case 'date':
      return facts.birth;
    case 'datetime':
      return `${facts.birth}T0${stream.below(10)}:${pad(stream.below(60), 2)}:00Z`;
    case 'boolean':
      return stream.below(2) === 0 ? 'false' : 'true';
    case 'string':
      return stream.pick(CANARY_WORDS);
    default:
      return String(dataType satisfies never);
  }
}

/**
 * Where in a page of `rows` records the canary goes: fixed by its blind index, so that the same
 * answer always looks the same, and not always first or last, where it would be easy to drop.
 */
export function canaryPosition(subjectIndex: string, rows: number): number {
  return Number.parseInt(subjectIndex.slice(0, 8), 16) % (rows + 1);
}
