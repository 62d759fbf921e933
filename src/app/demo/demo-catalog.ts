import type { Grade } from '../../core/catalog/grade.ts';
import type { DataType, Item, PiClass, ResourceDraft, SensitiveCategory, SharingMethod, SharingType, UpdateCycle } from '../../core/catalog/resource.ts';
import type { MaskName } from '../../core/masking/index.ts';

function item(name: string, code: string, dataType: DataType, piClass: PiClass, grade: Grade, mask: MaskName, extra: { category?: SensitiveCategory; subjectKey?: boolean } = {}): Item {
  return { name, code, dataType, piClass, sensitiveCategory: extra.category ?? null, grade, mask, subjectKey: extra.subjectKey ?? false };
}

const residentId = (name = '公民身份号码', code = 'resident_id') => item(name, code, 'string', 'sensitive', 'general-3', 'resident_id', { category: 'specific_identity', subjectKey: code === 'resident_id' });
const personName = (name = '姓名', code = 'name') => item(name, code, 'string', 'personal', 'general-2', 'name');
const uscc = () => item('统一社会信用代码', 'uscc', 'string', 'none', 'general-1', 'none', { subjectKey: true });

/** A legal-basis reference (law, article) that the seeder resolves to a registered id. */
export type BasisReference = [law: string, article: string];

export interface DemoResource {
  provider: string;
  publish: boolean;
  draft: Omit<ResourceDraft, 'sharing'> & {
    sharing: { type: SharingType; methods: SharingMethod[]; conditions: { text: string; bases: BasisReference[] }[]; bases: BasisReference[] };
  };
}

const STATUTORY_DUTY: BasisReference = ['个人信息保护法', '第十三条第一款第三项'];
const SENSITIVE: BasisReference = ['个人信息保护法', '第二十八条'];
const DUTY_SCOPE: BasisReference = ['数据安全法', '第三十八条'];

function resource(provider: string, code: string, name: string, summary: string, classificationCode: string, items: Item[], sharing: DemoResource['draft']['sharing'], updateCycle: UpdateCycle = 'daily', publish = true): DemoResource {
  return { provider, publish, draft: { code, classificationCode, name, summary, format: 'database', items, sharing, openType: 'not_open', updateCycle, relatedCodes: [] } };
}

const dutyCondition = (text: string) => ({ text, bases: [STATUTORY_DUTY, DUTY_SCOPE] });

/** About fifteen resources of the demo county, with realistic items and grades. */
export const DEMO_RESOURCES: DemoResource[] = [
  resource('police', '331199-GA-0001', '户籍人口基本信息', '本县户籍人口的姓名、公民身份号码、性别、出生日期、民族与户籍地址，用于身份核验与户籍业务协同。', 'A01.01',
    [personName(), residentId(), item('性别', 'sex', 'string', 'personal', 'general-2', 'none'), item('出生日期', 'birth_date', 'date', 'personal', 'general-2', 'birth_date'), item('民族', 'ethnicity', 'string', 'personal', 'general-2', 'none'), item('户籍地址', 'address', 'string', 'personal', 'general-2', 'address')],
    { type: 'conditional', methods: ['api', 'verification'], conditions: [dutyCondition('仅限依法履行法定职责所必需，按最小必要原则申请信息项')], bases: [] }),
  resource('police', '331199-GA-0002', '居民身份信息核验', '对姓名与公民身份号码是否一致给出“是/否”核验结果，不返回原始信息。', 'A01.02',
    [personName(), residentId()],
    { type: 'conditional', methods: ['verification'], conditions: [dutyCondition('仅提供核验结果')], bases: [] }, 'realtime'),
  resource('police', '331199-GA-0003', '流动人口居住登记信息', '流动人口居住登记与居住证办理信息。', 'A01.03',
    [personName(), residentId(), item('居住地址', 'residence', 'string', 'personal', 'general-2', 'address'), item('登记日期', 'registered_on', 'date', 'none', 'general-1', 'none'), item('居住轨迹', 'movements', 'string', 'sensitive', 'general-4', 'redact', { category: 'whereabouts' })],
    { type: 'conditional', methods: ['api'], conditions: [dutyCondition('须注明案件或业务编号')], bases: [] }),
  resource('police', '331199-GA-0004', '违法犯罪记录信息', '违法犯罪记录，依法不予共享；确有法定需要的，经监管部门特别程序办理。', 'A01.09',
    [personName(), residentId(), item('违法犯罪记录', 'record', 'string', 'sensitive', 'important', 'redact', { category: 'specific_identity' })],
    { type: 'none', methods: [], conditions: [], bases: [SENSITIVE] }, 'irregular'),
  resource('civil', '331199-MZ-0001', '最低生活保障对象信息', '城乡低保对象的身份、家庭住址、保障人数与月保障金额，用于救助对象认定与动态管理。', 'B02.01',
    [personName('户主姓名', 'name'), residentId('户主公民身份号码'), item('家庭住址', 'address', 'string', 'personal', 'general-2', 'address'), item('保障人数', 'household_size', 'integer', 'none', 'general-1', 'none'), item('月保障金额', 'monthly_amount', 'decimal', 'personal', 'general-2', 'redact'), item('低保类别', 'category', 'string', 'sensitive', 'general-3', 'redact', { category: 'specific_identity' })],
    { type: 'conditional', methods: ['api', 'verification'], conditions: [dutyCondition('公示材料须脱敏，不得公开完整公民身份号码')], bases: [] }, 'monthly'),
  resource('civil', '331199-MZ-0002', '特困人员供养信息', '特困供养人员认定与供养方式信息。', 'B02.02',
    [personName(), residentId(), item('供养方式', 'care_type', 'string', 'sensitive', 'general-3', 'redact', { category: 'specific_identity' }), item('失能等级', 'disability_level', 'string', 'sensitive', 'general-4', 'redact', { category: 'medical_health' })],
    { type: 'conditional', methods: ['api'], conditions: [dutyCondition('仅用于社会救助与养老服务协同')], bases: [] }, 'monthly'),
  resource('civil', '331199-MZ-0003', '婚姻登记信息', '结婚、离婚登记信息。', 'B02.05',
    [personName('男方姓名', 'husband_name'), residentId('男方公民身份号码', 'husband_id'), personName('女方姓名', 'wife_name'), residentId('女方公民身份号码', 'wife_id'), item('登记类型', 'registration_type', 'string', 'personal', 'general-2', 'none'), item('登记日期', 'registered_on', 'date', 'none', 'general-1', 'none')],
    { type: 'conditional', methods: ['verification'], conditions: [dutyCondition('仅提供婚姻状况核验')], bases: [] }),
  resource('civil', '331199-MZ-0004', '社会组织登记信息', '社会团体、民办非企业单位与基金会的登记信息。', 'B02.09',
    [item('组织名称', 'organisation_name', 'string', 'none', 'general-1', 'none'), uscc(), item('登记日期', 'registered_on', 'date', 'none', 'general-1', 'none'), item('业务范围', 'scope', 'string', 'none', 'general-1', 'none')],
    { type: 'unconditional', methods: ['api', 'dataset'], conditions: [], bases: [] }, 'weekly'),
  resource('hrss', '331199-RS-0001', '社会保险参保信息', '养老、医疗、失业、工伤保险的参保状态与缴费基数。', 'C03.01',
    [personName(), residentId(), item('参保险种', 'insurance_type', 'string', 'personal', 'general-2', 'none'), item('参保状态', 'status', 'string', 'personal', 'general-2', 'none'), item('缴费基数', 'contribution_base', 'decimal', 'sensitive', 'general-3', 'redact', { category: 'financial_account' })],
    { type: 'conditional', methods: ['api', 'verification'], conditions: [dutyCondition('缴费基数仅限社会救助收入核对使用')], bases: [] }, 'monthly'),
  resource('hrss', '331199-RS-0002', '就业登记信息', '就业与失业登记信息。', 'C03.02',
    [personName(), residentId(), item('就业状态', 'employment_status', 'string', 'personal', 'general-2', 'none'), item('用人单位', 'employer', 'string', 'none', 'general-1', 'none')],
    { type: 'conditional', methods: ['api'], conditions: [dutyCondition('用于就业援助与救助对象核对')], bases: [] }, 'monthly', false),
  resource('health', '331199-WJ-0001', '出生医学证明信息', '新生儿出生医学证明签发信息。', 'D04.01',
    [item('新生儿姓名', 'newborn_name', 'string', 'sensitive', 'general-4', 'name', { category: 'minor_under_14' }), residentId('母亲公民身份号码', 'mother_id'), item('出生日期', 'birth_date', 'date', 'sensitive', 'general-4', 'birth_date', { category: 'minor_under_14' }), item('出生医院', 'hospital', 'string', 'none', 'general-1', 'none')],
    { type: 'conditional', methods: ['api'], conditions: [dutyCondition('用于户籍登记与预防接种建档')], bases: [] }),
  resource('health', '331199-WJ-0002', '儿童预防接种记录', '适龄儿童免疫规划疫苗接种记录。', 'D04.03',
    [item('儿童姓名', 'child_name', 'string', 'sensitive', 'general-4', 'name', { category: 'minor_under_14' }), item('儿童公民身份号码', 'resident_id', 'string', 'sensitive', 'general-4', 'resident_id', { category: 'minor_under_14', subjectKey: true }), item('疫苗名称', 'vaccine', 'string', 'sensitive', 'important', 'redact', { category: 'medical_health' }), item('接种日期', 'vaccinated_on', 'date', 'sensitive', 'general-4', 'birth_date', { category: 'medical_health' })],
    { type: 'conditional', methods: ['verification'], conditions: [dutyCondition('入学入托查验仅提供是否完成接种')], bases: [] }),
  resource('tax', '331199-SW-0001', '纳税人登记信息', '纳税人名称、统一社会信用代码与登记状态。', 'E05.01',
    [item('纳税人名称', 'taxpayer_name', 'string', 'none', 'general-1', 'none'), uscc(), item('登记状态', 'status', 'string', 'none', 'general-2', 'none'), item('主管税务机关', 'tax_office', 'string', 'none', 'general-1', 'none')],
    { type: 'unconditional', methods: ['api', 'dataset'], conditions: [], bases: [] }),
  resource('tax', '331199-SW-0002', '个人所得税纳税记录', '个人所得税年度汇算与纳税记录。', 'E05.03',
    [personName(), residentId(), item('年度收入', 'annual_income', 'decimal', 'sensitive', 'important', 'redact', { category: 'financial_account' }), item('纳税额', 'tax_paid', 'decimal', 'sensitive', 'important', 'redact', { category: 'financial_account' })],
    { type: 'conditional', methods: ['verification'], conditions: [dutyCondition('仅为社会救助家庭经济状况核对提供核验')], bases: [] }, 'yearly'),
  resource('market', '331199-SC-0001', '市场主体登记信息', '企业与个体工商户的登记信息，含法定代表人姓名。', 'F06.01',
    [item('企业名称', 'enterprise_name', 'string', 'none', 'general-1', 'none'), uscc(), personName('法定代表人', 'legal_representative'), item('注册地址', 'registered_address', 'string', 'none', 'general-1', 'none'), item('成立日期', 'founded_on', 'date', 'none', 'general-1', 'none'), item('经营范围', 'business_scope', 'string', 'none', 'general-1', 'none')],
    { type: 'unconditional', methods: ['api', 'dataset'], conditions: [], bases: [] }),
  resource('market', '331199-SC-0002', '行政处罚信息', '市场监管领域的行政处罚决定信息。', 'F06.04',
    [item('当事人名称', 'party_name', 'string', 'none', 'general-1', 'none'), uscc(), item('处罚决定书文号', 'decision_number', 'string', 'none', 'general-1', 'none'), item('处罚内容', 'penalty', 'string', 'none', 'general-1', 'none')],
    { type: 'unconditional', methods: ['api', 'dataset'], conditions: [], bases: [] }, 'weekly'),
];
