import { describe, expect, it } from 'vitest';
import { columnCellsBelow, detectSeparator, splitCells, type CellSeparator } from './text-table.ts';

function cells(line: string, separator: CellSeparator): string[] {
  return splitCells(line, 0, line.length, separator).map((cell) => line.slice(cell.start, cell.end));
}

describe('splitCells', () => {
  it('splits on tabs, keeping empty cells', () => {
    expect(cells('1\t张三\t\t备注', 'tab')).toEqual(['1', '张三', '', '备注']);
  });

  it('splits on pipes, with the empty cells outside a markdown row', () => {
    expect(cells('| 1 | 张三 |', 'pipe')).toEqual(['', '1', '张三', '']);
  });

  it('splits on runs of two or more spaces, not on one space', () => {
    expect(cells('  1    张 三 \u3000杭州市  x', 'spaces')).toEqual(['1', '张 三', '杭州市', 'x']);
  });

  it('takes a lone ideographic space for padding beside runs of spaces, else for a separator', () => {
    expect(cells('序号  姓\u3000名  身份证号', 'spaces')).toEqual(['序号', '姓\u3000名', '身份证号']);
    expect(cells('序号\u3000姓名\u3000身份证号', 'spaces')).toEqual(['序号', '姓名', '身份证号']);
  });

  it('splits CSV on commas outside quotes and strips the quotes', () => {
    expect(cells('1,"1,380.00", 张三 ', 'comma')).toEqual(['1', '1,380.00', '张三']);
  });
});

describe('detectSeparator', () => {
  it('prefers tab, then pipe, then spaces, then comma', () => {
    const detect = (line: string): CellSeparator | null => detectSeparator(line, 0, line.length);
    expect(detect('a\tb|c')).toBe('tab');
    expect(detect('a|b  c')).toBe('pipe');
    expect(detect('a  b,c')).toBe('spaces');
    expect(detect('a,b')).toBe('comma');
    expect(detect('序号,姓\u3000名,身份证号')).toBe('comma');
    expect(detect('a b')).toBeNull();
  });
});

describe('columnCellsBelow', () => {
  const isName = (word: string): boolean => word === '姓名';

  it('returns the cells of matching columns until a blank line', () => {
    const text = '序号\t姓名\n1\t张三\n2\t李四\n\n3\t王五\n';
    const table = columnCellsBelow(text, text.indexOf('姓名'), isName);
    expect(table?.cells.map((cell) => text.slice(cell.start, cell.end))).toEqual(['张三', '李四']);
    expect(table?.end).toBe(text.indexOf('\n\n') + 1);
  });

  it('refuses a keyword in prose and a label with its value', () => {
    expect(columnCellsBelow('请填写姓名，并签字。', 3, isName)).toBeNull();
    expect(columnCellsBelow('姓名：张三\t性别：男\n', 0, isName)).toBeNull();
  });
});
