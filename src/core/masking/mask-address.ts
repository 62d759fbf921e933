/**
 * Address display kept to the county/district level (县级), the coarsest part of an address that
 * still serves administration (GB/T 35273-2020 Annex A: generalisation). Everything after it —
 * street, community, building, room — is replaced with a fixed "****".
 *
 * The administrative prefix is read unit by unit: a run of Han characters ending in a unit suffix.
 *   province  省 / 自治区 / 特别行政区 (only as the first unit)
 *   city      市 — a municipality (北京市), a prefecture-level city or a county-level city
 *   prefecture 自治州 / 地区 / 盟
 *   county    区 / 县 / 旗 (自治县 and 自治旗 end in these too)
 * Reading stops after a county unit, or after a 市 that follows a city or prefecture (the
 * county-level city in 浙江省金华市义乌市). Unit names may not contain the characters of
 * street-level places (路, 街, 巷, 弄, 号, 村, 镇, 乡, 楼, 栋, 室), which keeps "稠州路超市" from
 * passing for a city. When no unit is recognised the whole address is masked: guessing where
 * free text stops being coarse would risk leaking it.
 */
const ADDRESS_MASK = '****';

const ADMINISTRATIVE_UNIT =
  /^\s*(?:(?![省市区县旗盟路街巷弄号村镇乡楼栋室])\p{Script=Han}){1,16}?(特别行政区|自治区|自治州|地区|省|市|区|县|旗|盟)/u;

const PROVINCE_SUFFIXES: ReadonlySet<string> = new Set(['省', '自治区', '特别行政区']);
const COUNTY_SUFFIXES: ReadonlySet<string> = new Set(['区', '县', '旗']);
const CITY_OR_PREFECTURE_SUFFIXES: ReadonlySet<string> = new Set(['市', '自治州', '地区', '盟']);

/** No address needs more than province, prefecture, county-level city and district. */
const MOST_UNITS = 4;

export function maskAddress(value: string): string {
  let rest = value.trim();
  if (rest === '') return '';
  let kept = '';
  let previousSuffix: string | null = null;
  for (let unit = 0; unit < MOST_UNITS; unit += 1) {
    const match = ADMINISTRATIVE_UNIT.exec(rest);
    const suffix = match?.[1];
    if (match === null || suffix === undefined) break;
    if (PROVINCE_SUFFIXES.has(suffix) && previousSuffix !== null) break;
    kept += match[0];
    rest = rest.slice(match[0].length);
    if (COUNTY_SUFFIXES.has(suffix)) break;
    if (suffix === '市' && previousSuffix !== null && CITY_OR_PREFECTURE_SUFFIXES.has(previousSuffix)) break;
    previousSuffix = suffix;
  }
  return kept + ADDRESS_MASK;
}
