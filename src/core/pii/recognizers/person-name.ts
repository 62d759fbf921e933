import type { RawFinding } from './recognizer.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { isHanCode, isMaskCode } from './text-classes.ts';
import { columnCellsBelow, type TextSpan } from './text-table.ts';

/**
 * person_name: Chinese personal names where the document itself says a name stands — in a table
 * column whose header means a name (姓名, 户主姓名, 申请人 …) or after a label (`申请人：王某某`).
 * A name carries no check character, and guessing names from prose would flag every place name
 * and half the vocabulary, so prose without a label is left alone on purpose.
 *
 * A name is 2–4 Han characters (a compound surname such as 欧阳 fits in that), or Han segments
 * joined by a middle dot for transliterated minority names (买买提·艾力). Masked names (`王*`,
 * `张*三`) stop at the mask character and are too short to count.
 *
 * The labels and headers looked for are CONTEXT_WORDS.name (context-words.ts).
 */
const NAME_HEADERS: ReadonlySet<string> = new Set([
  '姓名', '申请人', '联系人', '紧急联系人', '户主', '监护人', '被监护人', '法定代表人', '法人代表', '负责人',
  '经办人', '持卡人', '收款人', '领款人', '户名', '账户名', '开户名', '受助人', '受益人', '救助对象', '获奖人',
  '代理人', '委托人', '当事人', '被申请人',
]);

/** Words that fill name cells and labels without being names: totals, blanks, relations, sexes. */
const STOP_WORDS: ReadonlySet<string> = new Set([
  '合计', '小计', '总计', '共计', '累计', '无', '暂无', '不详', '未知', '待定', '空白', '以下空白', '以下无', '同上', '同前', '略',
  '本人', '户主', '配偶', '子女', '儿子', '女儿', '长子', '长女', '次子', '次女', '之子', '之女', '父亲', '母亲', '父子', '母女',
  '妻子', '丈夫', '孙子', '孙女', '外孙', '外孙女', '兄弟', '姐妹', '其他', '其它', '备注', '姓名', '某某', '男', '女', '汉族',
  '见附件', '详见附件', '本单位', '单位', '个人', '集体', '已故', '迁出', '签字', '盖章', '申请人', '联系人', '监护人', '负责人',
]);

/** Forms of address and job titles: `张先生`, `李科长` name a role, not a full name. */
const TITLE_SUFFIX = /(?:先生|女士|小姐|同志|老师|科长|主任|局长|处长|经理|书记|村长|组长|师傅|医生|律师)$/;

/** Labels that may follow a name without punctuation: `姓名：张三性别：男`. */
const FOLLOWING_LABELS = ['性别', '民族', '年龄', '电话', '手机', '住址', '地址', '身份证', '证件号', '籍贯', '出生'] as const;

const NAME_DOTS: ReadonlySet<number> = new Set([0x00b7, 0x2022, 0x30fb, 0x2027, 0xff65]);
const COLON = 0x3a;
const FULL_WIDTH_COLON = 0xff1a;
const OPENING_PARENTHESES: ReadonlySet<number> = new Set([0x28, 0xff08]);
const MOST_NAME_UNITS = 20;
const MOST_DOTTED_HAN = 16;
const TABLE_CONFIDENCE = 0.9;
const LABEL_CONFIDENCE = 0.85;

export function findPersonNames(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const words = factsOf(text, facts).contextWords('name');
  let resumeAt = 0;
  for (let word = 0; word < words.count; word += 1) {
    const start = words.starts[word] ?? 0;
    if (start < resumeAt) continue;
    const valueStart = afterLabel(text, words.ends[word] ?? 0);
    if (valueStart !== -1) {
      const end = readName(text, valueStart);
      if (end !== -1) findings.push({ type: 'person_name', start: valueStart, end, confidence: LABEL_CONFIDENCE });
      continue;
    }
    const table = columnCellsBelow(text, start, isNameHeader);
    if (table === null) continue;
    for (const cell of table.cells) {
      const end = nameInCell(text, cell);
      if (end !== -1) findings.push({ type: 'person_name', start: cell.start, end, confidence: TABLE_CONFIDENCE });
    }
    // The rows have been read; resume after the table so each row is looked at once.
    resumeAt = table.end;
  }
  return findings;
}

export function isNameHeader(word: string): boolean {
  return NAME_HEADERS.has(word) || (word.endsWith('姓名') && word.length <= 8);
}

/** Where the value starts when a colon follows the label, else -1. */
export function afterLabel(text: string, index: number): number {
  let position = index;
  while (isInlineSpace(text.charCodeAt(position))) position += 1;
  const code = text.charCodeAt(position);
  if (code !== COLON && code !== FULL_WIDTH_COLON) return -1;
  position += 1;
  while (isInlineSpace(text.charCodeAt(position))) position += 1;
  return position;
}

function isInlineSpace(code: number): boolean {
  return code === 0x20 || code === 0x3000 || code === 0xa0;
}

/** A name cell holds the name alone, or the name and a note in parentheses: `张三（户主）`. */
function nameInCell(text: string, cell: TextSpan): number {
  const end = readName(text, cell.start);
  if (end === -1) return -1;
  if (end === cell.end || OPENING_PARENTHESES.has(text.charCodeAt(end))) return end;
  return -1;
}

/** The end of the name starting at `start`, or -1 when what is there is not a name. */
export function readName(text: string, start: number): number {
  let index = start;
  let han = 0;
  let segmentHan = 0;
  let dots = 0;
  while (index < text.length && index - start <= MOST_NAME_UNITS) {
    const code = text.charCodeAt(index);
    if (isHanCode(code)) {
      han += 1;
      segmentHan += 1;
    } else if (NAME_DOTS.has(code) && segmentHan > 0 && isHanCode(text.charCodeAt(index + 1))) {
      dots += 1;
      segmentHan = 0;
    } else {
      break;
    }
    index += 1;
  }
  if (index - start > MOST_NAME_UNITS) return -1;
  const after = text.charCodeAt(index);
  if (isMaskCode(after)) return -1;
  let end = index;
  if (dots === 0 && (after === COLON || after === FULL_WIDTH_COLON)) {
    const run = text.slice(start, end);
    const label = FOLLOWING_LABELS.find((word) => run.endsWith(word));
    if (label !== undefined) end -= label.length;
  }
  if (dots === 0 && end - start >= 3 && text.charCodeAt(end - 1) === 0x7b49 /* 等, "and others" */) end -= 1;
  const length = end - start;
  if (dots === 0 ? length < 2 || length > 4 : han - dots > MOST_DOTTED_HAN) return -1;
  const word = text.slice(start, end);
  if (STOP_WORDS.has(word) || TITLE_SUFFIX.test(word)) return -1;
  return end;
}
