import type { SharingCondition } from '../../../core/catalog/resource.ts';
import { breaksList, joinList, splitList } from './list-cell.ts';

/**
 * The 共享条件 cell: one condition per line (a line break inside the cell). Each line is the
 * condition's text followed by its sources as bracketed suffixes:
 *
 *   凭授权书调取【依据：个人信息保护法 第十三条;数据安全法 第三十八条】
 *   仅限本市部门【政策：某市政务数据共享管理办法】
 *   需双人复核【依据：个人信息保护法 第十三条】【政策：某市办法】
 *
 * References are whatever resolveLegalBasis accepts (an id or `law 第X条`). A line with no
 * suffix is a condition with no basis (which the catalog rules then reject, not the parser).
 * Why this form: it reads naturally to a person editing the sheet in Excel, and because the
 * suffixes are only recognised at the end of a line, 【】 elsewhere in the text is harmless.
 */
export interface ConditionCell {
  text: string;
  references: string[];
  policy: string | null;
}

const BASIS = '依据';
const POLICY = '政策';
const TRAILING_BLOCK = /【\s*(依据|政策)\s*[:：]([^【】]*)】\s*$/u;

/**
 * A line break would start a new condition and 【】 would end a suffix early, so export folds
 * them; these are the only inputs that do not survive a round trip unchanged.
 */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/gu, ' ').trim();
}

function insideBlock(text: string): string {
  return oneLine(text).replace(/【/gu, '〔').replace(/】/gu, '〕');
}

/**
 * `reference` turns a legal-basis id into the text to write; one that could not be read back
 * (containing a separator or bracket) is written as the id itself, which always resolves.
 */
export function encodeConditions(conditions: readonly SharingCondition[], reference: (id: string) => string): string {
  return conditions
    .map((condition) => {
      let line = oneLine(condition.text);
      if (condition.legalBasisIds.length > 0) line += `【${BASIS}：${joinList(condition.legalBasisIds.map((id) => safeReference(id, reference)))}】`;
      if (condition.policy !== null) line += `【${POLICY}：${insideBlock(condition.policy)}】`;
      return line;
    })
    .join('\n');
}

export function safeReference(id: string, reference: (id: string) => string): string {
  const text = reference(id).trim();
  return text === '' || breaksList(text) || /[【】\r\n]/u.test(text) ? id : text;
}

function decodeLine(line: string): ConditionCell | undefined {
  let rest = line.trim();
  let references: string[] | undefined;
  let policy: string | undefined;
  for (let match = TRAILING_BLOCK.exec(rest); match; match = TRAILING_BLOCK.exec(rest)) {
    const content = (match[2] ?? '').trim();
    if (match[1] === BASIS) {
      if (references !== undefined) return undefined;
      references = splitList(content);
    } else {
      if (policy !== undefined) return undefined;
      policy = content;
    }
    rest = rest.slice(0, match.index).trim();
  }
  if (rest === '') return undefined;
  return { text: rest, references: references ?? [], policy: policy ?? null };
}

/** The conditions of a cell, or undefined when a line is malformed (no text, a repeated suffix). */
export function decodeConditions(cell: string): ConditionCell[] | undefined {
  const conditions: ConditionCell[] = [];
  for (const line of cell.split(/\r\n|\r|\n/u)) {
    if (line.trim() === '') continue;
    const condition = decodeLine(line);
    if (!condition) return undefined;
    conditions.push(condition);
  }
  return conditions;
}
