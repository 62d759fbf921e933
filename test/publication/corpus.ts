import {
  bankCardCheckDigit,
  organisationCodeCheckCharacter,
  residentIdCheckCharacter,
  usccCheckCharacter,
  validateResidentId,
  validateUscc,
  type PiiType,
} from '../../src/core/pii/index.ts';

/**
 * A labelled corpus for the publication guard: documents of the kinds county web teams publish —
 * notices (公示名单) with text tables, CSV exports, pipe and space-aligned tables, prose case
 * summaries, and clean documents full of decoys — with every piece of personal data recorded by
 * its span as it is written. Deterministic for a seed, so a failure can be reproduced.
 *
 * The labels follow the guard's contract, not a wish list: names and addresses are labelled only
 * where a header or a label marks them (a name in running prose is deliberately not labelled, and
 * prose names without a label are written into the documents as decoys).
 *
 * Identifiers are synthesised with the foundation's check-character functions, which their own
 * unit tests pin to known answers.
 */
export type DocumentKind = 'notice' | 'csv' | 'text_table' | 'prose' | 'clean';

export interface LabelledSpan {
  type: PiiType;
  start: number;
  end: number;
}

export interface CorpusDocument {
  kind: DocumentKind;
  text: string;
  spans: LabelledSpan[];
}

export interface CorpusOptions {
  seed: number;
  /** Documents of each kind. */
  perKind: number;
}

const DOCUMENT_KINDS: readonly DocumentKind[] = ['notice', 'csv', 'text_table', 'prose', 'clean'];

export function generateCorpus(options: CorpusOptions): CorpusDocument[] {
  const random = new Random(options.seed);
  const documents: CorpusDocument[] = [];
  for (let index = 0; index < options.perKind; index += 1) {
    for (const kind of DOCUMENT_KINDS) documents.push(WRITERS[kind](random));
  }
  return documents;
}

const WRITERS: Record<DocumentKind, (random: Random) => CorpusDocument> = {
  notice: writeNotice,
  csv: writeCsv,
  text_table: writeTextTable,
  prose: writeProse,
  clean: writeClean,
};

/** mulberry32: a small, well-mixed 32-bit generator; ample for test data, never for secrets. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  integer(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  digits(count: number): string {
    let value = '';
    for (let index = 0; index < count; index += 1) value += String(this.integer(0, 9));
    return value;
  }
}

/** Appends text and records the spans of personal data as they are written. */
class DocumentBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly spans: LabelledSpan[] = [];
  private readonly kind: DocumentKind;

  constructor(kind: DocumentKind) {
    this.kind = kind;
  }

  text(value: string): this {
    this.parts.push(value);
    this.length += value.length;
    return this;
  }

  personal(type: PiiType, value: string): this {
    this.spans.push({ type, start: this.length, end: this.length + value.length });
    return this.text(value);
  }

  /** A value the guard must report when it has a type, and must leave alone when it has none. */
  cell(value: Written): this {
    return value.type === null ? this.text(value.text) : this.personal(value.type, value.text);
  }

  build(): CorpusDocument {
    return { kind: this.kind, text: this.parts.join(''), spans: this.spans };
  }
}

/** A value as written into a document, with the type the guard must report, or null for none. */
interface Written {
  text: string;
  type: PiiType | null;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/** Real county-level codes (GB/T 2260), with the matching place names for addresses. */
const REGIONS = [
  { code: '110105', province: '北京市', city: '', district: '朝阳区' },
  { code: '110108', province: '北京市', city: '', district: '海淀区' },
  { code: '310104', province: '上海市', city: '', district: '徐汇区' },
  { code: '330106', province: '浙江省', city: '杭州市', district: '西湖区' },
  { code: '330102', province: '浙江省', city: '杭州市', district: '上城区' },
  { code: '330782', province: '浙江省', city: '金华市', district: '义乌市' },
  { code: '320102', province: '江苏省', city: '南京市', district: '玄武区' },
  { code: '440305', province: '广东省', city: '深圳市', district: '南山区' },
  { code: '440106', province: '广东省', city: '广州市', district: '天河区' },
  { code: '510107', province: '四川省', city: '成都市', district: '武侯区' },
  { code: '420106', province: '湖北省', city: '武汉市', district: '武昌区' },
  { code: '610113', province: '陕西省', city: '西安市', district: '雁塔区' },
  { code: '370102', province: '山东省', city: '济南市', district: '历下区' },
  { code: '410105', province: '河南省', city: '郑州市', district: '金水区' },
  { code: '430104', province: '湖南省', city: '长沙市', district: '岳麓区' },
  { code: '350102', province: '福建省', city: '福州市', district: '鼓楼区' },
  { code: '500103', province: '重庆市', city: '', district: '渝中区' },
  { code: '650102', province: '新疆维吾尔自治区', city: '乌鲁木齐市', district: '天山区' },
  { code: '530102', province: '云南省', city: '昆明市', district: '五华区' },
  { code: '522301', province: '贵州省', city: '黔西南布依族苗族自治州', district: '兴义市' },
] as const;

const FULL_WIDTH_OFFSET = 0xfee0;

function toFullWidth(value: string): string {
  return value.replace(/[0-9A-Za-z]/g, (character) => String.fromCharCode(character.charCodeAt(0) + FULL_WIDTH_OFFSET));
}

function birthDate(random: Random, fromYear: number, toYear: number): string {
  const year = random.integer(fromYear, toYear);
  const month = random.integer(1, 12);
  const day = random.integer(1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 28);
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

export function residentId(random: Random): string {
  const region = random.pick(REGIONS).code;
  if (random.chance(0.04)) {
    // First-generation 15-digit form: region, YYMMDD, sequence; no check character.
    return `${region}${birthDate(random, 1930, 1999).slice(2)}${random.digits(3)}`;
  }
  const body = `${region}${birthDate(random, 1935, 2015)}${random.digits(3)}`;
  let value = body + residentIdCheckCharacter(body);
  if (value.endsWith('X') && random.chance(0.3)) value = `${value.slice(0, 17)}x`;
  if (random.chance(0.04)) value = toFullWidth(value);
  return value;
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '166', '170', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185',
  '186', '187', '188', '189', '191', '193', '195', '196', '197', '198', '199',
] as const;

export function mobile(random: Random): string {
  const prefix = random.pick(MOBILE_PREFIXES);
  const middle = random.digits(4);
  const last = random.digits(4);
  const style = random.next();
  if (style < 0.65) return `${prefix}${middle}${last}`;
  if (style < 0.75) return `${prefix} ${middle} ${last}`;
  if (style < 0.85) return `${prefix}-${middle}-${last}`;
  if (style < 0.9) return `+86 ${prefix}${middle}${last}`;
  if (style < 0.94) return `+86-${prefix}-${middle}-${last}`;
  if (style < 0.97) return `86${prefix}${middle}${last}`;
  return toFullWidth(`${prefix}${middle}${last}`);
}

const AREA_CODES = ['010', '021', '022', '020', '023', '0571', '0579', '0755', '028', '027', '029', '0531', '0371', '0731', '0591', '0871', '0991'] as const;

export function landline(random: Random): string {
  const area = random.pick(AREA_CODES);
  const local = `${random.integer(2, 8)}${random.digits(area.length === 3 ? 7 : random.chance(0.8) ? 7 : 6)}`;
  const style = random.next();
  if (style < 0.6) return `${area}-${local}`;
  if (style < 0.8) return `(${area})${local}`;
  if (style < 0.9 && local.length === 8) return `${area} ${local.slice(0, 4)} ${local.slice(4)}`;
  return `${area}-${local}`;
}

/** Issuer identification numbers of cards issued in China (UnionPay, and Visa/Mastercard co-brands). */
const CARD_PREFIXES = ['622202', '621700', '622848', '621661', '622588', '623668', '622700', '621226', '436742', '524091', '625911'] as const;

export function bankCard(random: Random): string {
  const prefix = random.pick(CARD_PREFIXES);
  const length = random.pick([16, 16, 19, 19, 19, 17, 18]);
  const draw = (): string => {
    const body = prefix + random.digits(length - prefix.length - 1);
    return body + bankCardCheckDigit(body);
  };
  let value = draw();
  // An 18-digit number that is also a valid resident ID or USCC is that, by the guard's rule.
  while (validateResidentId(value).valid || validateUscc(value).valid) value = draw();
  if (random.chance(0.2)) value = value.replace(/(\d{4})(?=\d)/g, '$1 ');
  return value;
}

const USCC_BODY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function uscc(random: Random): string {
  const authority = random.pick(['9', '9', '9', '5', '1', 'Y']);
  const type = authority === '9' ? random.pick(['1', '2', '3']) : authority === 'Y' ? '1' : random.pick(['1', '2', '3', '9']);
  let organisationBody = random.chance(0.5) ? 'MA' : '';
  while (organisationBody.length < 8) {
    organisationBody += random.chance(0.75) ? String(random.integer(0, 9)) : random.pick([...USCC_BODY_ALPHABET.slice(10)]);
  }
  const body = `${authority}${type}${random.pick(REGIONS).code}${organisationBody}${organisationCodeCheckCharacter(organisationBody)}`;
  const value = body + usccCheckCharacter(body);
  return random.chance(0.05) ? value.toLowerCase() : value;
}

const PINYIN = ['zhang', 'wang', 'li', 'zhao', 'liu', 'chen', 'yang', 'huang', 'zhou', 'wu', 'xu', 'sun', 'ma', 'hu', 'zhu', 'guo', 'he', 'lin', 'luo', 'gao'] as const;
const GIVEN_PINYIN = ['wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'tao', 'ming', 'chao'] as const;
const MAIL_DOMAINS = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'gmail.com', 'outlook.com', 'hotmail.com', 'yeah.net', 'aliyun.com'] as const;

export function email(random: Random): string {
  const style = random.next();
  const local =
    style < 0.3
      ? random.digits(random.integer(6, 10)).replace(/^0/, '1')
      : style < 0.6
        ? `${random.pick(PINYIN)}${random.pick(GIVEN_PINYIN)}${random.chance(0.5) ? random.digits(random.integer(2, 4)) : ''}`
        : `${random.pick(PINYIN)}.${random.pick(GIVEN_PINYIN)}${random.chance(0.3) ? `_${random.digits(2)}` : ''}`;
  return `${local}@${random.pick(MAIL_DOMAINS)}`;
}

const PROVINCE_ABBREVIATIONS = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export function licensePlate(random: Random): string {
  const head = `${random.pick([...PROVINCE_ABBREVIATIONS])}${random.pick([...PLATE_LETTERS])}`;
  const separator = random.chance(0.2) ? '·' : '';
  if (random.chance(0.25)) return `${head}${separator}${random.pick(['D', 'F'])}${random.digits(5)}`;
  const body = random.chance(0.5) ? random.digits(5) : `${random.digits(3)}${random.pick([...PLATE_LETTERS])}${random.digits(1)}`;
  return `${head}${separator}${body}`;
}

export function ipv4(random: Random): string {
  return random.pick([
    () => `192.168.${random.integer(0, 255)}.${random.integer(1, 254)}`,
    () => `10.${random.integer(0, 255)}.${random.integer(0, 255)}.${random.integer(1, 254)}`,
    () => `${random.integer(1, 223)}.${random.integer(0, 255)}.${random.integer(0, 255)}.${random.integer(1, 254)}`,
  ])();
}

export function passport(random: Random): string {
  return random.chance(0.7) ? `E${random.digits(8)}` : `E${random.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ'])}${random.digits(7)}`;
}

export function hkMacauPermit(random: Random): string {
  return random.chance(0.8) ? `C${random.digits(8)}` : `C${random.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ'])}${random.digits(7)}`;
}

// ---------------------------------------------------------------------------------------------
// Names and addresses

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '令狐', '慕容', '尉迟', '公孙'] as const;
const GIVEN_CHARACTERS = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏宇浩凯俊帆琳雪梅林斌波宁欣怡涵轩晨阳婷颖佳思雨嘉琪博豪然峰海燕春秋东晓小志国庆荣德永福'];
const MINORITY_SEGMENTS = ['买买提', '艾力', '阿依古丽', '热依拉', '阿不都', '扎西', '多吉', '卓玛', '古丽', '努尔', '吐尔逊', '帕提古丽'] as const;

export function personName(random: Random): string {
  const style = random.next();
  if (style < 0.04) return `${random.pick(MINORITY_SEGMENTS)}·${random.pick(MINORITY_SEGMENTS)}`;
  if (style < 0.07) return `${random.pick(SURNAMES)}某某`;
  const surname = style < 0.12 ? random.pick(COMPOUND_SURNAMES) : random.pick(SURNAMES);
  const given = random.chance(0.7) ? random.pick(GIVEN_CHARACTERS) + random.pick(GIVEN_CHARACTERS) : random.pick(GIVEN_CHARACTERS);
  return surname + given;
}

const STREETS = ['文三路', '解放路', '人民路', '中山北路', '建设大道', '延安西路', '天目山路', '学院路', '和平街', '光明巷', '幸福里弄', '迎宾大道', '北京东路', '长江路'] as const;
const VILLAGES = ['桃源村', '大坪村', '新华村', '石门村', '清溪村', '龙泉村'] as const;
const TOWNS = ['城关镇', '新塘镇', '古城乡', '白沙镇'] as const;

export function address(random: Random): string {
  const region = random.pick(REGIONS);
  const head = `${region.province}${region.city}${region.district}`;
  if (random.chance(0.25)) {
    return `${head}${random.pick(TOWNS)}${random.pick(VILLAGES)}${random.integer(1, 12)}组${random.integer(1, 99)}号`;
  }
  const building = random.chance(0.6) ? `${random.integer(1, 30)}幢${random.integer(1, 4)}单元${random.integer(1, 28)}0${random.integer(1, 4)}室` : '';
  return `${head}${random.pick(STREETS)}${random.integer(1, 999)}号${building}`;
}

// ---------------------------------------------------------------------------------------------
// Masked values and decoys: none of these is personal data the guard should report.

function maskedResidentId(random: Random): string {
  const value = residentId(random);
  return value.length === 18 ? `${value.slice(0, 6)}********${value.slice(14)}` : `${value.slice(0, 6)}******${value.slice(12)}`;
}

function maskedMobile(random: Random): string {
  return `${random.pick(MOBILE_PREFIXES)}****${random.digits(4)}`;
}

function maskedName(random: Random): string {
  const name = personName(random);
  return random.pick([`${name.charAt(0)}*`, `${name.charAt(0)}**`, `${name.charAt(0)}*${name.charAt(name.length - 1)}`]);
}

function maskedCard(random: Random): string {
  const card = bankCard(random).replace(/ /g, '');
  return random.chance(0.5) ? `${card.slice(0, 6)}******${card.slice(-4)}` : `${card.slice(0, 4)} **** **** ${card.slice(-4)}`;
}

function maskedAddress(random: Random): string {
  const region = random.pick(REGIONS);
  return `${region.province}${region.city}${region.district}****`;
}

/** A valid 18-character ID in ASCII, to hide inside a longer run of digits. */
function plainResidentId(random: Random): string {
  const body = `${random.pick(REGIONS).code}${birthDate(random, 1950, 2010)}${random.digits(3)}`;
  return body + residentIdCheckCharacter(body);
}

/** An 18-digit ID-shaped number whose check character is wrong. */
function wrongCheckResidentId(random: Random): string {
  const body = `${random.pick(REGIONS).code}${birthDate(random, 1950, 2010)}${random.digits(3)}`;
  const check = residentIdCheckCharacter(body);
  return body + (check === '0' ? '1' : check === 'X' ? '0' : String((Number(check) + 1) % 10));
}

/** A correct check character over an impossible date (31 April, 30 February, month 13). */
function impossibleDateResidentId(random: Random): string {
  const body = `${random.pick(REGIONS).code}${random.integer(1950, 2010)}${random.pick(['0431', '0230', '1301', '0000'])}${random.digits(3)}`;
  return body + residentIdCheckCharacter(body);
}

/** Order numbers: a date and a counter, or a Luhn-valid number that only its label unmasks. */
function orderNumber(random: Random): string {
  if (random.chance(0.5)) return `${random.integer(2019, 2025)}${random.digits(14)}`;
  const body = `6${random.digits(16)}`;
  return body + bankCardCheckDigit(body);
}

function amount(random: Random): string {
  const whole = random.integer(100, 9_999_999).toLocaleString('en-US');
  return `¥${whole}.${random.digits(2)}`;
}

function decoySentence(random: Random): string {
  return random.pick([
    () => `订单号：${orderNumber(random)}，下单时间戳${random.integer(1_600_000_000_000, 1_760_000_000_000)}。`,
    () => `交易流水号${orderNumber(random)}，金额${amount(random)}。`,
    () => `本次发放资金合计${amount(random)}，较上年增长${random.integer(1, 30)}.${random.digits(1)}%。`,
    () => `监督电话：12345，消费者投诉举报电话：12315，报警电话：110，银行客服95588，服务热线400-${random.integer(100, 999)}-${random.digits(4)}。`,
    () => `已脱敏示例：身份证号${maskedResidentId(random)}，手机${maskedMobile(random)}，姓名：${maskedName(random)}，卡号${maskedCard(random)}。`,
    () => `住址：${maskedAddress(random)}；邮箱：${random.pick(PINYIN).charAt(0)}***@${random.pick(MAIL_DOMAINS)}。`,
    () => `核查中发现号码${wrongCheckResidentId(random)}校验位错误，号码${impossibleDateResidentId(random)}出生日期不存在。`,
    () => `系统版本${random.integer(1, 9)}.${random.integer(0, 9)}.${random.integer(0, 9)}.${random.integer(0, 9)}.${random.integer(0, 9)}已上线，详见第${random.integer(1, 9)}.${random.integer(1, 9)}.${random.integer(1, 9)}条。`,
    () => `依据《浙政办发〔${random.integer(2015, 2024)}〕${random.integer(1, 99)}号》文件，于${random.integer(2019, 2024)}-0${random.integer(1, 9)}-1${random.integer(0, 9)}起施行。`,
    () => `批次编号${random.digits(4)}${plainResidentId(random)}${random.digits(3)}（长串编号中的片段不是身份证号）。`,
    () => `办公地址：${random.pick(REGIONS).district}${random.pick(STREETS)}${random.integer(1, 300)}号，联系人：${random.pick(SURNAMES)}先生。`,
    () => `${personName(random)}同志在会上作了发言，${personName(random)}主持会议。`,
    () => `注册号：${random.pick(REGIONS).code}${random.digits(9)}。`,
  ])();
}

// ---------------------------------------------------------------------------------------------
// Documents

const NOTICE_TITLES = ['城乡最低生活保障对象公示名单', '临时救助对象公示', '特困人员供养审批公示', '困难残疾人生活补贴发放名单', '高龄津贴发放对象公示', '孕前优生健康检查对象名单'] as const;
/** `姓 名` and `姓\u3000名` are how word processors pad two-character headers to the width of four. */
const NAME_HEADERS = ['姓名', '户主姓名', '申请人', '申请人姓名', '户主', '救助对象', '姓 名', '姓\u3000名'] as const;
const ADDRESS_HEADERS = ['家庭住址', '住址', '居住地址', '户籍地址'] as const;

type Separator = 'tab' | 'pipe' | 'spaces';

interface Column {
  header: string;
  value: (random: Random, row: number) => Written;
}

function personal(type: PiiType, text: string): Written {
  return { text, type };
}

function plain(text: string): Written {
  return { text, type: null };
}

function noticeColumns(random: Random): Column[] {
  const masked = random.chance(0.15);
  const columns: Column[] = [
    { header: '序号', value: (_random, row) => plain(String(row + 1)) },
    {
      header: random.pick(NAME_HEADERS),
      value: (r) => (masked ? plain(maskedName(r)) : r.chance(0.03) ? plain(r.pick(['合计', '无', '暂无'])) : personal('person_name', personName(r))),
    },
  ];
  // A sex left blank now and then: harmless with tabs or pipes, but it shifts the later columns
  // of a table aligned with spaces, which is how such tables really break.
  if (random.chance(0.5)) columns.push({ header: '性别', value: (r) => plain(r.chance(0.03) ? '' : r.pick(['男', '女'])) });
  if (random.chance(0.4)) columns.push({ header: '与户主关系', value: (r) => plain(r.pick(['本人', '配偶', '之子', '之女', '长子', '孙女'])) });
  columns.push({
    header: random.pick(['身份证号', '身份证号码', '公民身份号码']),
    value: (r) => (masked ? plain(maskedResidentId(r)) : personal('cn_resident_id', residentId(r))),
  });
  if (random.chance(0.6)) {
    columns.push({
      header: random.pick(['联系电话', '手机号码', '电话']),
      value: (r) => (masked ? plain(maskedMobile(r)) : r.chance(0.85) ? personal('cn_mobile', mobile(r)) : personal('cn_landline', landline(r))),
    });
  }
  if (random.chance(0.4)) columns.push({ header: random.pick(['银行卡号', '社保卡号', '收款账号']), value: (r) => (masked ? plain(maskedCard(r)) : personal('bank_card', bankCard(r))) });
  if (random.chance(0.6)) columns.push({ header: random.pick(ADDRESS_HEADERS), value: (r) => (masked ? plain(maskedAddress(r)) : personal('address', address(r))) });
  columns.push({ header: random.pick(['保障金额（元）', '救助金额', '发放金额(元)']), value: (r) => plain(`${r.integer(100, 5000)}.${r.digits(2)}`) });
  return columns;
}

function writeTable(builder: DocumentBuilder, random: Random, columns: readonly Column[], separator: Separator, rows: number): void {
  const row = (cells: readonly Written[]): void => {
    if (separator === 'pipe') builder.text('| ');
    cells.forEach((cell, index) => {
      if (index > 0) builder.text(separator === 'tab' ? '\t' : separator === 'pipe' ? ' | ' : ' '.repeat(random.integer(2, 6)));
      builder.cell(cell);
    });
    builder.text(separator === 'pipe' ? ' |\n' : '\n');
  };
  row(columns.map((column) => plain(column.header)));
  if (separator === 'pipe') builder.text(`|${columns.map(() => '---').join('|')}|\n`);
  for (let index = 0; index < rows; index += 1) row(columns.map((column) => column.value(random, index)));
}

function writeNotice(random: Random): CorpusDocument {
  const builder = new DocumentBuilder('notice');
  const region = random.pick(REGIONS);
  builder.text(`${region.city}${region.district}${random.integer(2019, 2025)}年度${random.pick(NOTICE_TITLES)}\n\n`);
  builder.text(`根据《社会救助暂行办法》有关规定，经个人申请、乡镇（街道）审核、区民政局审批，现将审核结果予以公示，公示期为${random.integer(5, 7)}个工作日。\n\n`);
  if (random.chance(0.5)) builder.text(`${decoySentence(random)}\n\n`);
  writeTable(builder, random, noticeColumns(random), random.pick(['tab', 'tab', 'pipe', 'spaces']), random.integer(3, 30));
  builder.text(`\n公示期间如有异议，请向区民政局反映。监督电话：`).personal('cn_landline', landline(random)).text('，或拨打12345。\n');
  builder.text(`${decoySentence(random)}\n${region.district}民政局\n${random.integer(2019, 2025)}年${random.integer(1, 12)}月${random.integer(1, 28)}日\n`);
  return builder.build();
}

function csvCell(value: Written): Written {
  return value.text.includes(',') ? { text: `"${value.text}"`, type: value.type } : value;
}

function writeCsv(random: Random): CorpusDocument {
  const builder = new DocumentBuilder('csv');
  const columns: Column[] = [
    { header: '序号', value: (_random, row) => plain(String(row + 1)) },
    { header: random.pick(NAME_HEADERS), value: (r) => personal('person_name', personName(r)) },
    { header: '身份证号码', value: (r) => personal('cn_resident_id', residentId(r)) },
    { header: '手机号码', value: (r) => (r.chance(0.1) ? plain(maskedMobile(r)) : personal('cn_mobile', mobile(r))) },
    { header: '银行卡号', value: (r) => personal('bank_card', bankCard(r)) },
    { header: '电子邮箱', value: (r) => personal('email', email(r)) },
    { header: '发放金额', value: (r) => plain(amount(r).slice(1)) },
    { header: '家庭住址', value: (r) => personal('address', address(r)) },
    { header: '订单编号', value: (r) => plain(orderNumber(r)) },
  ];
  const rows = random.integer(5, 60);
  builder.text(`${columns.map((column) => column.header).join(',')}\n`);
  for (let row = 0; row < rows; row += 1) {
    columns.forEach((column, index) => {
      if (index > 0) builder.text(',');
      builder.cell(csvCell(column.value(random, row)));
    });
    builder.text('\n');
  }
  return builder.build();
}

function writeTextTable(random: Random): CorpusDocument {
  const builder = new DocumentBuilder('text_table');
  if (random.chance(0.4)) return writeBusinessList(builder, random);
  builder.text(`附件${random.integer(1, 3)}：${random.pick(NOTICE_TITLES)}\n\n`);
  const columns: Column[] = [
    { header: '序号', value: (_random, row) => plain(String(row + 1)) },
    { header: random.pick(['姓名', '联系人', '监护人', '家属姓名']), value: (r) => personal('person_name', personName(r)) },
    { header: '联系方式', value: (r) => (r.chance(0.5) ? personal('cn_mobile', mobile(r)) : personal('email', email(r))) },
    { header: random.pick(ADDRESS_HEADERS), value: (r) => personal('address', address(r)) },
    { header: '备注', value: (r) => plain(r.pick(['', '新增', '续保', '无', '已核实'])) },
  ];
  writeTable(builder, random, columns, random.pick(['pipe', 'spaces', 'tab']), random.integer(3, 25));
  builder.text(`\n以上名单经${random.pick(['村委会', '社区居委会'])}评议通过。${decoySentence(random)}\n`);
  return builder.build();
}

/** 个体工商户 (individual businesses): the USCC names a person, and 住所 is their address. */
function writeBusinessList(builder: DocumentBuilder, random: Random): CorpusDocument {
  builder.text(`${random.pick(REGIONS).district}${random.integer(2019, 2025)}年度个体工商户年报公示名单\n\n`);
  const columns: Column[] = [
    { header: '序号', value: (_random, row) => plain(String(row + 1)) },
    { header: '经营者姓名', value: (r) => personal('person_name', personName(r)) },
    { header: '统一社会信用代码', value: (r) => personal('cn_uscc', uscc(r)) },
    { header: '住所', value: (r) => personal('address', address(r)) },
    { header: '联系电话', value: (r) => (r.chance(0.8) ? personal('cn_mobile', mobile(r)) : personal('cn_landline', landline(r))) },
  ];
  writeTable(builder, random, columns, random.pick(['pipe', 'spaces', 'tab']), random.integer(3, 25));
  builder.text(`\n${decoySentence(random)}\n`);
  return builder.build();
}

function writeProse(random: Random): CorpusDocument {
  const builder = new DocumentBuilder('prose');
  builder.text(`关于${random.pick(NOTICE_TITLES)}的情况说明\n\n`);
  const paragraphs = random.integer(3, 8);
  for (let index = 0; index < paragraphs; index += 1) {
    random.pick<() => void>([
      () => {
        builder.text(`${random.pick(['申请人', '姓名', '户主', '联系人'])}${random.pick(['：', ':', '： '])}`).personal('person_name', personName(random));
        builder.text(`，性别${random.pick(['男', '女'])}，身份证号码`).personal('cn_resident_id', residentId(random));
        builder.text('，家庭住址：').personal('address', address(random)).text('。联系电话').personal('cn_mobile', mobile(random));
        builder.text('，电子邮箱').personal('email', email(random)).text('。\n');
      },
      () => {
        builder.text(`企业名称：${random.pick(REGIONS).district}某某${random.pick(['科技', '商贸', '农业'])}有限公司，统一社会信用代码：`).personal('cn_uscc', uscc(random));
        builder.text('，法定代表人：').personal('person_name', personName(random)).text('，联系电话：').personal('cn_landline', landline(random)).text('。\n');
      },
      () => {
        builder.text(`${random.pick(['该户', '申请人'])}收款账户为`).personal('bank_card', bankCard(random)).text(`（${random.pick(['工商银行', '农业银行', '建设银行'])}），`);
        builder.text('手机号').personal('cn_mobile', mobile(random)).text(`，已于${random.integer(2019, 2024)}年${random.integer(1, 12)}月完成核验。\n`);
      },
      () => {
        builder.text('经查，车辆号牌').personal('cn_license_plate', licensePlate(random)).text('登记在申请人名下；系统日志显示登录IP地址为').personal('ipv4', ipv4(random)).text('。\n');
      },
      () => {
        builder.text('申请人出境所持护照号码：').personal('cn_passport', passport(random)).text('，往来港澳通行证号码').personal('cn_hk_macau_permit', hkMacauPermit(random)).text('。\n');
      },
      () => {
        builder.text(`${decoySentence(random)}${decoySentence(random)}\n`);
      },
      () => {
        builder.text('姓名：').personal('person_name', personName(random)).text('\n住址：').personal('address', address(random)).text('\n联系人电话：').personal('cn_mobile', mobile(random)).text('\n');
      },
    ])();
  }
  return builder.build();
}

function writeClean(random: Random): CorpusDocument {
  const builder = new DocumentBuilder('clean');
  builder.text(`${random.pick(REGIONS).district}${random.integer(2019, 2025)}年${random.pick(['财政资金', '民生实事', '社会救助'])}工作情况通报\n\n`);
  const sentences = random.integer(6, 16);
  for (let index = 0; index < sentences; index += 1) builder.text(decoySentence(random)).text(random.chance(0.4) ? '\n' : '');
  if (random.chance(0.5)) {
    builder.text('\n');
    const columns: Column[] = [
      { header: '序号', value: (_random, row) => plain(String(row + 1)) },
      { header: '订单编号', value: (r) => plain(orderNumber(r)) },
      { header: '姓名', value: (r) => plain(maskedName(r)) },
      { header: '身份证号', value: (r) => plain(maskedResidentId(r)) },
      { header: '金额', value: (r) => plain(amount(r)) },
    ];
    writeTable(builder, random, columns, random.pick(['tab', 'pipe', 'spaces']), random.integer(3, 15));
  }
  return builder.build();
}
