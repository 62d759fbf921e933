import { describe, it, expect } from 'vitest';
import { maskAddress } from './mask-address.ts';

describe('maskAddress', () => {
  it('keeps municipality and district', () => {
    expect(maskAddress('北京市朝阳区建国路88号')).toBe('北京市朝阳区****');
    expect(maskAddress('上海市浦东新区世纪大道100号')).toBe('上海市浦东新区****');
    expect(maskAddress('重庆市城口县葛城街道')).toBe('重庆市城口县****');
  });

  it('keeps province, prefecture and county', () => {
    expect(maskAddress('广东省深圳市南山区科技园科苑路15号')).toBe('广东省深圳市南山区****');
    expect(maskAddress('浙江省金华市义乌市稠州北路1号')).toBe('浙江省金华市义乌市****');
    expect(maskAddress('新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路')).toBe('新疆维吾尔自治区伊犁哈萨克自治州伊宁市****');
    expect(maskAddress('内蒙古自治区锡林郭勒盟正蓝旗上都镇')).toBe('内蒙古自治区锡林郭勒盟正蓝旗****');
    expect(maskAddress('湖北省长阳土家族自治县龙舟坪镇')).toBe('湖北省长阳土家族自治县****');
  });

  it('stops before street-level places that end in a unit character', () => {
    expect(maskAddress('浙江省义乌市稠州路超市')).toBe('浙江省义乌市****');
    expect(maskAddress('深圳市南山区')).toBe('深圳市南山区****');
  });

  it('masks everything when no administrative unit is recognised', () => {
    expect(maskAddress('建国路88号')).toBe('****');
    expect(maskAddress('Room 1, 88 Jianguo Road')).toBe('****');
    expect(maskAddress('😀')).toBe('****');
  });

  it('keeps the empty string empty', () => {
    expect(maskAddress('')).toBe('');
  });
});
