import { calendarDateToEpochDay, epochDayToCalendarDate } from '../../core/calendar/calendar-date.ts';
import { residentIdCheckCharacter } from '../../core/pii/resident-id.ts';
import { DEMO_REGION } from './demo-organisations.ts';
import { syntheticUscc } from './synthetic-uscc.ts';
import { mulberry32 } from '../../core/shared/mulberry32.ts';

/**
 * The people and companies of 云溪县 (the demo county), made up from a seed: the same seed gives
 * the same population on every machine, so a demo, a test and a screenshot agree. Every
 * identifier passes its standard's checks (GB 11643 resident IDs, GB 32100 USCCs, MIIT mobile
 * prefixes), so the data exercises the real validation, masking and blind-index paths.
 *
 * Synthetic, not anonymised: nothing is derived from real records. A made-up resident ID with a
 * real region prefix can still coincide with a real person's, as any valid number can; demo data
 * never leaves the demo database.
 */
export interface SyntheticCitizen {
  residentId: string;
  name: string;
  sex: '男' | '女';
  birthDate: string;
  mobile: string;
  /** Where the person lives in the county; for someone registered elsewhere, their residence here. */
  address: string;
  ethnicity: string;
}

export interface SyntheticCompany {
  uscc: string;
  name: string;
  legalRepresentative: string;
  registeredAddress: string;
  foundedOn: string;
}

// ---------------------------------------------------------------------------------------------
// Randomness

/** A seeded source of numbers in [0, 1) and the few shapes the generators need. */
interface Random {
  next(): number;
  /** An integer from `low` to `high`, both included. */
  integer(low: number, high: number): number;
  pick<Value>(values: readonly Value[]): Value;
  chance(probability: number): boolean;
}

function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const integer = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  return {
    next,
    integer,
    pick: <Value>(values: readonly Value[]): Value => {
      const value = values[integer(0, values.length - 1)];
      if (value === undefined) throw new Error('pick from an empty list');
      return value;
    },
    chance: (probability) => next() < probability,
  };
}

/** FNV-1a, 32 bits: a stable seed from text, so a record's details depend on it and not on its position. */
function textSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Separate streams for citizens and companies, so that adding companies does not change the people. */
const CITIZEN_STREAM = 0x9e3779b9;
const COMPANY_STREAM = 0x85ebca6b;

function pickWeighted<Value>(random: Random, table: readonly (readonly [Value, number])[]): Value {
  let roll = random.next() * table.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = table.at(-1);
  if (last === undefined) throw new Error('pick from an empty table');
  return last[0];
}

function dateBetween(random: Random, first: string, last: string): string {
  return epochDayToCalendarDate(random.integer(calendarDateToEpochDay(first), calendarDateToEpochDay(last)));
}

/** Tries before a generator gives up on finding a value not yet used: the lists are too short for the count. */
const UNIQUE_ATTEMPTS = 1000;

function unique(used: Set<string>, make: () => string, what: string): string {
  for (let attempt = 0; attempt < UNIQUE_ATTEMPTS; attempt += 1) {
    const value = make();
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
  throw new Error(`too many synthetic ${what} for the name lists`);
}

// ---------------------------------------------------------------------------------------------
// Word lists (common surnames and given-name characters; the county's towns and villages are made up)

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '邓', '冯', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余',
  '叶', '杜', '程', '苏', '魏', '吕', '丁', '沈', '任', '姚', '姜', '陆', '汪', '范', '金', '廖',
  // 畲族 families in southern Zhejiang are mostly 蓝, 雷 and 钟.
  '蓝', '雷', '钟',
] as const;
const MALE_GIVEN = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩', '凯', '健', '俊', '帆', '旭', '宁', '龙', '林', '洋', '建', '国', '志', '文', '海', '峰', '荣', '成', '亮', '晨', '阳'] as const;
const FEMALE_GIVEN = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀', '英', '华', '慧', '巧', '美', '玲', '桂', '兰', '萍', '红', '燕', '琳', '婷', '雪', '颖', '倩', '洁', '佳', '欣', '悦', '梦', '怡', '晶', '丹', '蕾', '莉', '月', '云', '凤', '琴', '瑶'] as const;
const ETHNICITIES = [
  ['汉族', 930],
  ['畲族', 45],
  ['回族', 6],
  ['满族', 5],
  ['苗族', 5],
  ['土家族', 5],
  ['壮族', 4],
] as const;
const TOWNS = ['云溪镇', '白沙镇', '青石镇', '枫林镇', '梅岭乡', '桃源乡', '龙潭乡', '石门乡'] as const;
const VILLAGES = ['溪口村', '上塘村', '下坪村', '竹园村', '石桥村', '梅坞村', '后山村', '新屋村', '水碓村', '岭脚村', '大坑村', '洋田村'] as const;
const ROADS = ['溪滨路', '人民路', '解放街', '新华路', '云峰大道', '文化路', '建设路', '环城东路', '创业路', '工业园区纬一路'] as const;
/**
 * Resident IDs registered outside the county, so out-of-region cases exist (流动人口, checks
 * across regions): 杭州市上城区, 杭州市西湖区, 北京市朝阳区, 南京市玄武区, 深圳市南山区, 成都市锦江区.
 */
const OTHER_REGIONS = ['330102', '330106', '110105', '320102', '440305', '510104'] as const;
const IN_REGION_SHARE = 0.9;
/** Prefixes of the three mobile networks (MIIT numbering plan); validateMobile accepts 13–19. */
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'] as const;

const EARLIEST_BIRTH = '1940-01-01';
const LATEST_BIRTH = '2020-12-31';

function personName(random: Random, male: boolean): string {
  const given = male ? MALE_GIVEN : FEMALE_GIVEN;
  const length = random.chance(0.3) ? 1 : 2;
  let name = random.pick(SURNAMES);
  for (let index = 0; index < length; index += 1) name += random.pick(given);
  return name;
}

function villageAddress(random: Random): string {
  return `云溪县${random.pick(TOWNS)}${random.pick(VILLAGES)}${random.integer(1, 199)}号`;
}

/**
 * GB 11643-1999: region, birth date, a three-digit sequence whose last digit is odd for a man and
 * even for a woman (never 000), and the check character.
 */
function residentIdOf(region: string, birthDate: string, male: boolean, sequenceSlot: number): string {
  const sequence = male ? 2 * sequenceSlot + 1 : 2 * sequenceSlot + 2;
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export function syntheticCitizens(count: number, seed: number): SyntheticCitizen[] {
  const random = seededRandom(seed ^ CITIZEN_STREAM);
  const ids = new Set<string>();
  const mobiles = new Set<string>();
  const citizens: SyntheticCitizen[] = [];
  for (let index = 0; index < count; index += 1) {
    const male = random.chance(0.5);
    const region = random.chance(IN_REGION_SHARE) ? DEMO_REGION.code : random.pick(OTHER_REGIONS);
    const birthDate = dateBetween(random, EARLIEST_BIRTH, LATEST_BIRTH);
    const residentId = unique(ids, () => residentIdOf(region, birthDate, male, random.integer(0, 498)), 'resident IDs');
    const mobile = unique(mobiles, () => `${random.pick(MOBILE_PREFIXES)}${String(random.integer(0, 99_999_999)).padStart(8, '0')}`, 'mobile numbers');
    citizens.push({
      residentId,
      name: personName(random, male),
      sex: male ? '男' : '女',
      birthDate,
      mobile,
      address: villageAddress(random),
      ethnicity: pickWeighted(random, ETHNICITIES),
    });
  }
  return citizens;
}

// ---------------------------------------------------------------------------------------------
// Companies

/** What a market entity does: the word in its name and its registered business scope. */
const INDUSTRIES = [
  ['茶业', '茶叶种植、加工与销售'],
  ['竹木制品', '竹木制品制造与销售'],
  ['农业开发', '农作物种植；农产品初加工与销售'],
  ['建材', '建筑材料销售'],
  ['电子商务', '互联网销售；农产品网上零售'],
  ['餐饮管理', '餐饮服务；餐饮管理'],
  ['物流', '道路货物运输；仓储服务'],
  ['旅游开发', '旅游资源开发；民宿服务'],
  ['食品', '食品生产；食品销售'],
  ['五金机电', '五金产品与机电设备批发零售'],
  ['文化传媒', '广告设计、制作与发布；文艺创作'],
  ['建筑工程', '房屋建筑和市政基础设施工程施工'],
  ['汽车服务', '机动车维修；汽车零配件销售'],
  ['医药连锁', '药品零售；医疗器械销售'],
  ['新能源科技', '光伏发电设备安装与维护'],
  ['生态农业', '食用菌种植与销售；林下经济'],
] as const;
const SHOPS = [
  ['小吃店', '小吃服务'],
  ['便利店', '日用百货零售'],
  ['理发店', '理发服务'],
  ['农资店', '化肥、农药（不含危险化学品）零售'],
  ['水果店', '新鲜水果零售'],
  ['汽修店', '机动车维修'],
  ['茶叶店', '茶叶零售'],
] as const;
const CROPS = ['茶叶', '香菇', '高山蔬菜', '杨梅', '竹笋', '中药材'] as const;
const BRAND_FIRST = ['青', '溪', '云', '梅', '石', '枫', '翠', '清', '鹿', '松', '明', '丰', '恒', '宏', '嘉', '瑞', '锦', '华', '天', '兴', '瓯', '山', '禾', '新', '金', '银', '绿', '春', '长', '和'] as const;
const BRAND_SECOND = ['竹', '山', '雾', '岭', '门', '叶', '峰', '泉', '鸣', '涛', '珠', '源', '达', '盛', '禾', '丰', '程', '悦', '成', '旺', '江', '川', '谷', '越', '鑫', '阳', '野', '晖', '远', '合'] as const;

/** Market entities (GB 32100): 9 = 市场监管 registers them; 1 企业, 2 个体工商户, 3 农民专业合作社. */
const ENTITY_TYPES = [
  ['91', 85],
  ['92', 12],
  ['93', 3],
] as const;

/**
 * Serials of synthetic USCCs (synthetic-uscc.ts) start here: the demo organisations and the
 * tests use serials below a thousand.
 */
const FIRST_COMPANY_SERIAL = 100_000;
const LARGEST_SERIAL = 999_999;

function companyName(random: Random, type: string): string {
  const brand = random.pick(BRAND_FIRST) + random.pick(BRAND_SECOND);
  if (type === '92') return `云溪县${random.pick(TOWNS)}${brand}${random.pick(SHOPS)[0]}`;
  if (type === '93') return `云溪县${brand}${random.pick(CROPS)}专业合作社`;
  return `云溪县${brand}${random.pick(INDUSTRIES)[0]}有限公司`;
}

export function syntheticCompanies(count: number, seed: number): SyntheticCompany[] {
  const random = seededRandom(seed ^ COMPANY_STREAM);
  const firstSerial = FIRST_COMPANY_SERIAL + random.integer(0, 399_999);
  if (firstSerial + count > LARGEST_SERIAL) throw new Error('too many synthetic companies for the serial range');
  const names = new Set<string>();
  const companies: SyntheticCompany[] = [];
  for (let index = 0; index < count; index += 1) {
    const type = pickWeighted(random, ENTITY_TYPES);
    companies.push({
      uscc: syntheticUscc(DEMO_REGION.code, firstSerial + index, type),
      name: unique(names, () => companyName(random, type), 'company names'),
      legalRepresentative: personName(random, random.chance(0.6)),
      registeredAddress: `云溪县${random.pick(TOWNS)}${random.pick(ROADS)}${random.integer(1, 388)}号`,
      foundedOn: dateBetween(random, '1995-01-01', '2025-12-31'),
    });
  }
  return companies;
}

// ---------------------------------------------------------------------------------------------
// Rows of the demo's hosted datasets

type Row = Record<string, string | null>;

/**
 * The demo's "today" for ages and record dates. Fixed rather than read from a clock, so the rows
 * are the same whenever they are made (DESIGN §7: time is injected, and here it is a constant).
 */
const REFERENCE_DATE = '2026-01-01';

/** A record's own random stream, from the resource and the subject: the same person gets the same row whatever else is in the list. */
function recordRandom(resourceCode: string, subject: string): Random {
  return seededRandom(textSeed(`${resourceCode}|${subject}`));
}

function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The same day `months` later, or the month's last day when it is shorter (01-31 + 1 month = 02-28). */
function addMonths(date: string, months: number): string {
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthsBetween(first: string, last: string): number {
  const months = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7));
  return last.slice(8) < first.slice(8) ? months - 1 : months;
}

function money(amount: number): string {
  return amount.toFixed(2);
}

const inRegion = (citizen: SyntheticCitizen) => citizen.residentId.startsWith(DEMO_REGION.code);
const ageOf = (citizen: SyntheticCitizen) => ageOn(citizen.birthDate, REFERENCE_DATE);

/** 个人所得税 comprehensive-income rates for a year (个人所得税法 Art. 3, annual table): up to, rate, quick deduction. */
const INCOME_TAX_BRACKETS = [
  [36_000, 0.03, 0],
  [144_000, 0.1, 2_520],
  [300_000, 0.2, 16_920],
  [420_000, 0.25, 31_920],
  [660_000, 0.3, 52_920],
  [960_000, 0.35, 85_920],
  [Number.POSITIVE_INFINITY, 0.45, 181_920],
] as const;
/** The yearly basic deduction (个人所得税法 Art. 6: 60,000 yuan). */
const BASIC_DEDUCTION = 60_000;

function incomeTax(taxable: number): number {
  if (taxable <= 0) return 0;
  for (const [upTo, rate, quickDeduction] of INCOME_TAX_BRACKETS) if (taxable <= upTo) return taxable * rate - quickDeduction;
  return 0; // not reached: the last bracket has no upper bound
}

/** The national immunisation schedule (国家免疫规划疫苗儿童免疫程序), by age in months: the doses a child has had by a given age. */
const VACCINE_SCHEDULE = [
  [0, '乙肝疫苗 第1剂'],
  [1, '乙肝疫苗 第2剂'],
  [2, '脊灰灭活疫苗 第1剂'],
  [3, '百白破疫苗 第1剂'],
  [4, '百白破疫苗 第2剂'],
  [5, '百白破疫苗 第3剂'],
  [6, '乙肝疫苗 第3剂'],
  [8, '麻腮风疫苗 第1剂'],
  [9, 'A群流脑多糖疫苗 第2剂'],
  [18, '麻腮风疫苗 第2剂'],
  [24, '乙脑减毒活疫苗 第2剂'],
  [36, 'A群C群流脑多糖疫苗 第1剂'],
  [48, '脊灰减毒活疫苗 第4剂'],
  [72, '白破疫苗'],
] as const;

/** Social organisations registered with 民政 (GB 32100: 5 = 民政; 1 社会团体, 2 民办非企业单位, 3 基金会). */
const SOCIAL_ORGANISATIONS = [
  ['云溪县茶叶产业协会', '51', '茶叶产业交流、技术推广与行业自律'],
  ['云溪县老年人体育协会', '51', '组织老年人体育健身活动'],
  ['云溪县志愿者协会', '51', '志愿服务组织与培训'],
  ['云溪县民宿行业协会', '51', '民宿行业服务与自律'],
  ['云溪县书法家协会', '51', '书法创作交流与普及'],
  ['云溪县阳光社会工作服务中心', '52', '社会工作服务；困难群众帮扶'],
  ['云溪县夕阳红居家养老服务中心', '52', '居家养老服务；助餐服务'],
  ['云溪县青少年足球俱乐部', '52', '青少年足球培训'],
  ['云溪县教育发展基金会', '53', '资助贫困学生；奖励优秀教师'],
  ['云溪县乡村振兴基金会', '53', '资助乡村公益项目'],
] as const;
const FIRST_SOCIAL_SERIAL = 900_000;

type RowBuilder = (citizens: readonly SyntheticCitizen[], companies: readonly SyntheticCompany[]) => Row[];

function citizenRows(resourceCode: string, citizens: readonly SyntheticCitizen[], include: (citizen: SyntheticCitizen, random: Random) => boolean, row: (citizen: SyntheticCitizen, random: Random) => Row): Row[] {
  const rows: Row[] = [];
  for (const citizen of citizens) {
    const random = recordRandom(resourceCode, citizen.residentId);
    if (include(citizen, random)) rows.push(row(citizen, random));
  }
  return rows;
}

function companyRows(resourceCode: string, companies: readonly SyntheticCompany[], include: (company: SyntheticCompany, random: Random) => boolean, row: (company: SyntheticCompany, random: Random) => Row): Row[] {
  const rows: Row[] = [];
  for (const company of companies) {
    const random = recordRandom(resourceCode, company.uscc);
    if (include(company, random)) rows.push(row(company, random));
  }
  return rows;
}

function townOf(address: string): string {
  return TOWNS.find((town) => address.includes(town)) ?? TOWNS[0];
}

function businessScope(name: string): string {
  for (const [word, scope] of [...INDUSTRIES, ...SHOPS]) if (name.includes(word)) return scope;
  const crop = CROPS.find((word) => name.includes(word));
  return crop === undefined ? '一般经营项目' : `${crop}种植、收购与销售；为成员提供技术服务`;
}

/**
 * One builder per hosted dataset of the demo catalog (demo-catalog.ts), keyed by resource code.
 * A resource not listed here gets no rows: 331199-GA-0004 is 不予共享, 331199-RS-0002 is not
 * published, and 331199-MZ-0003 and 331199-WJ-0001 have no subject-key item.
 */
const BUILDERS: Record<string, RowBuilder> = {
  '331199-GA-0001': (citizens) =>
    citizenRows('331199-GA-0001', citizens, inRegion, (citizen) => ({
      name: citizen.name,
      resident_id: citizen.residentId,
      sex: citizen.sex,
      birth_date: citizen.birthDate,
      ethnicity: citizen.ethnicity,
      address: citizen.address,
    })),
  // 核验 answers yes or no from the household register, so it holds the same people.
  '331199-GA-0002': (citizens) => citizenRows('331199-GA-0002', citizens, inRegion, (citizen) => ({ name: citizen.name, resident_id: citizen.residentId })),
  '331199-GA-0003': (citizens) =>
    citizenRows(
      '331199-GA-0003',
      citizens,
      (citizen) => !inRegion(citizen) && ageOf(citizen) >= 18,
      (citizen, random) => {
        const adult = addMonths(citizen.birthDate, 18 * 12);
        const registeredOn = dateBetween(random, adult > '2018-01-01' ? adult : '2018-01-01', '2025-12-31');
        const town = townOf(citizen.address);
        const moved = random.chance(0.3) ? random.pick(TOWNS.filter((other) => other !== town)) : null;
        const movements = moved === null ? `${registeredOn.slice(0, 7)} 起居住于${town}` : `${registeredOn.slice(0, 7)} 起居住于${moved}；${addMonths(registeredOn, random.integer(3, 12)).slice(0, 7)} 迁至${town}`;
        return { name: citizen.name, resident_id: citizen.residentId, residence: citizen.address, registered_on: registeredOn, movements };
      },
    ),
  '331199-MZ-0001': (citizens) =>
    citizenRows(
      '331199-MZ-0001',
      citizens,
      (citizen, random) => inRegion(citizen) && ageOf(citizen) >= 18 && random.chance(0.03),
      (citizen, random) => {
        const size = random.integer(1, 5);
        return {
          name: citizen.name,
          resident_id: citizen.residentId,
          address: citizen.address,
          household_size: String(size),
          monthly_amount: money(size * random.integer(300, 1_100)),
          category: random.chance(0.7) ? '农村低保' : '城市低保',
        };
      },
    ),
  '331199-MZ-0002': (citizens) =>
    citizenRows(
      '331199-MZ-0002',
      citizens,
      (citizen, random) => inRegion(citizen) && ageOf(citizen) >= 60 && random.chance(0.015),
      (citizen, random) => ({
        name: citizen.name,
        resident_id: citizen.residentId,
        care_type: random.chance(0.3) ? '集中供养' : '分散供养',
        disability_level: random.pick(['完全失能', '部分失能', '具备生活自理能力']),
      }),
    ),
  '331199-MZ-0004': () =>
    SOCIAL_ORGANISATIONS.map(([name, type, scope], index) => {
      const random = recordRandom('331199-MZ-0004', name);
      return { organisation_name: name, uscc: syntheticUscc(DEMO_REGION.code, FIRST_SOCIAL_SERIAL + index, type), registered_on: dateBetween(random, '2005-01-01', '2025-06-30'), scope };
    }),
  '331199-RS-0001': (citizens) =>
    citizenRows(
      '331199-RS-0001',
      citizens,
      (citizen, random) => inRegion(citizen) && ageOf(citizen) >= 16 && random.chance(0.6),
      (citizen, random) => {
        const age = ageOf(citizen);
        const employee = random.chance(0.55);
        const retired = age >= 60;
        return {
          name: citizen.name,
          resident_id: citizen.residentId,
          insurance_type: employee ? '城镇职工基本养老保险' : '城乡居民基本养老保险',
          status: retired ? '待遇领取' : random.chance(0.85) ? '正常缴费' : '暂停缴费',
          // Residents pay a chosen yearly grade, not a share of a wage: they have no contribution base.
          contribution_base: employee && !retired ? money(random.integer(4_500, 25_000)) : null,
        };
      },
    ),
  '331199-WJ-0002': (citizens) =>
    citizenRows(
      '331199-WJ-0002',
      citizens,
      (citizen) => inRegion(citizen) && ageOf(citizen) < 14,
      (citizen, random) => {
        // The last dose due by the reference date, given up to three weeks late but never after it.
        const months = monthsBetween(citizen.birthDate, REFERENCE_DATE);
        const [dueAt, vaccine] = [...VACCINE_SCHEDULE].reverse().find(([due]) => due <= months) ?? VACCINE_SCHEDULE[0];
        const due = calendarDateToEpochDay(addMonths(citizen.birthDate, dueAt));
        const vaccinatedOn = epochDayToCalendarDate(Math.min(due + random.integer(0, 20), calendarDateToEpochDay(REFERENCE_DATE) - 1));
        return { child_name: citizen.name, resident_id: citizen.residentId, vaccine, vaccinated_on: vaccinatedOn };
      },
    ),
  '331199-SW-0001': (_citizens, companies) =>
    companyRows(
      '331199-SW-0001',
      companies,
      () => true,
      (company, random) => ({
        taxpayer_name: company.name,
        uscc: company.uscc,
        status: pickWeighted(random, [['正常', 92], ['非正常', 5], ['注销', 3]] as const),
        tax_office: '国家税务总局云溪县税务局',
      }),
    ),
  '331199-SW-0002': (citizens) =>
    citizenRows(
      '331199-SW-0002',
      citizens,
      (citizen, random) => inRegion(citizen) && ageOf(citizen) >= 18 && ageOf(citizen) <= 65 && random.chance(0.35),
      (citizen, random) => {
        // Incomes spread over an order of magnitude, most of them modest, as in a county.
        const income = Math.round(30_000 * Math.exp(random.next() * 2.6));
        const specialDeductions = random.integer(0, 36_000);
        return { name: citizen.name, resident_id: citizen.residentId, annual_income: money(income), tax_paid: money(incomeTax(income - BASIC_DEDUCTION - specialDeductions)) };
      },
    ),
  '331199-SC-0001': (_citizens, companies) =>
    companyRows(
      '331199-SC-0001',
      companies,
      () => true,
      (company) => ({
        enterprise_name: company.name,
        uscc: company.uscc,
        legal_representative: company.legalRepresentative,
        registered_address: company.registeredAddress,
        founded_on: company.foundedOn,
        business_scope: businessScope(company.name),
      }),
    ),
  '331199-SC-0002': (_citizens, companies) => {
    const numbers = new Map<string, number>();
    return companyRows(
      '331199-SC-0002',
      companies,
      (_company, random) => random.chance(0.06),
      (company, random) => {
        const year = String(random.integer(Math.max(2021, Number(company.foundedOn.slice(0, 4))), 2025));
        const number = (numbers.get(year) ?? 0) + 1;
        numbers.set(year, number);
        const penalty = random.chance(0.3) ? '警告' : `罚款人民币${random.integer(1, 50) * 1_000}元${random.chance(0.2) ? '，没收违法所得' : ''}`;
        return { party_name: company.name, uscc: company.uscc, decision_number: `云市监处罚〔${year}〕${number}号`, penalty };
      },
    );
  },
};

/**
 * The rows of one demo resource's hosted dataset, by item code, built from the population and
 * ready to pass checkRow; null when the resource is not a hosted dataset in the demo.
 */
export function demoDatasetRows(resourceCode: string, citizens: readonly SyntheticCitizen[], companies: readonly SyntheticCompany[]): Record<string, string | null>[] | null {
  const build = Object.hasOwn(BUILDERS, resourceCode) ? BUILDERS[resourceCode] : undefined;
  return build === undefined ? null : build(citizens, companies);
}
