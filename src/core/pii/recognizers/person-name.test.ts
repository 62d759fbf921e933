import { describe, expect, it } from 'vitest';
import { findPersonNames } from './person-name.ts';

function values(text: string): string[] {
  return findPersonNames(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findPersonNames in labelled text', () => {
  it('finds a name after a name label and a colon', () => {
    expect(values('申请人：王某某，身份证号略。')).toEqual(['王某某']);
    expect(values('姓名:张三\n联系人： 欧阳娜娜 电话')).toEqual(['张三', '欧阳娜娜']);
    expect(values('姓\u3000\u3000名：李四')).toEqual(['李四']);
  });

  it('stops a name at the next label when no punctuation separates them', () => {
    expect(values('姓名：张三性别：男')).toEqual(['张三']);
  });

  it('accepts minority names joined by a middle dot', () => {
    expect(values('户主：买买提·艾力；监护人：阿依古丽・买买提')).toEqual(['买买提·艾力', '阿依古丽・买买提']);
  });

  it('rejects organisations, titles, stop words and masked names', () => {
    expect(values('申请人：杭州某某科技有限公司；联系人：张先生；户主：本人；姓名：王*；姓名：王**；姓名：张*三')).toEqual([]);
  });

  it('needs a label: names in running prose are left alone', () => {
    expect(values('张三同志在会上发言。申请人数：30人。')).toEqual([]);
  });
});

describe('findPersonNames in tables', () => {
  it('reads the name column of a tab-separated table, and stops at the prose after it', () => {
    const text = '序号\t户主姓名\t与户主关系\t身份证号\n1\t王小明\t本人\t略\n2\t欧阳娜娜（户主）\t配偶\t略\n3\t合计\t\t\n以上名单公示七天，张三负责。\n';
    expect(values(text)).toEqual(['王小明', '欧阳娜娜']);
  });

  it('reads markdown and pipe tables', () => {
    const text = '| 序号 | 姓名 | 金额 |\n|---|---|---|\n| 1 | 李四 | 100 |\n| 2 | 张*三 | 200 |\n';
    expect(values(text)).toEqual(['李四']);
  });

  it('reads tables aligned with runs of spaces', () => {
    const text = '序号    姓名      家庭住址\n1       赵六      杭州市西湖区文三路90号\n2       钱七      杭州市上城区解放路1号\n';
    expect(values(text)).toEqual(['赵六', '钱七']);
  });

  it('reads CSV, quoted cells included', () => {
    const text = '序号,申请人,金额\n1,"孙八","1,380.00"\n2,周九,500\n';
    expect(values(text)).toEqual(['孙八', '周九']);
  });

  it('ignores a column whose header only mentions a name word', () => {
    expect(values('序号\t与户主关系\n1\t之子\n2\t王五\n')).toEqual([]);
  });
});
