import { describe, expect, it } from 'vitest';
import { findAddresses } from './address.ts';

function values(text: string): string[] {
  return findAddresses(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findAddresses', () => {
  it('finds a labelled address up to the end of its clause', () => {
    expect(values('家庭住址：浙江省杭州市西湖区文三路90号3幢201室。联系电话略')).toEqual(['浙江省杭州市西湖区文三路90号3幢201室']);
    expect(values('住址:北京市朝阳区建国路88号\n')).toEqual(['北京市朝阳区建国路88号']);
  });

  it('stops before the next label or a phone number after a single space', () => {
    expect(values('地址：杭州市上城区解放路1号 电话：0571-87654321')).toEqual(['杭州市上城区解放路1号']);
    expect(values('地址：杭州市上城区解放路1号 13800138000')).toEqual(['杭州市上城区解放路1号']);
  });

  it('reads address columns of tables', () => {
    const text = '序号\t姓名\t家庭住址\n1\t张三\t浙江省杭州市西湖区文三路90号\n2\t李四\t浙江省杭州市西湖区****\n';
    expect(values(text)).toEqual(['浙江省杭州市西湖区文三路90号']);
  });

  it('leaves organisation addresses, masked and county-level addresses, and non-addresses alone', () => {
    expect(values('办公地址：杭州市西湖区文三路100号；单位地址：杭州市滨江区江南大道1号')).toEqual([]);
    expect(values('住址：浙江省杭州市西湖区****；居住地：杭州市西湖区；地址：详见附件；邮箱地址：a@b.cn')).toEqual([]);
  });
});
