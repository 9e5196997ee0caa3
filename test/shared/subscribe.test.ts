import { describe, expect, test } from '@jest/globals';
import { fitTemplateValue } from '@techbridge/shared';

describe('subscribe-message field rules', () => {
  test('thing: at most 20 characters, cut with …, blanks folded', () => {
    const long = '2026 长三角概念验证中心建设与科技成果转化供需对接会（第三场）';
    const fitted = fitTemplateValue('thing1', long);
    expect([...fitted]).toHaveLength(20);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitTemplateValue('thing2', '  上海\n技术交易所 ')).toBe('上海 技术交易所');
    expect(fitTemplateValue('thing3', '')).toBe('无');
  });

  test('time and date: Shanghai wall clock in WeChat’s formats', () => {
    const at = new Date('2026-12-03T06:00:00Z'); // 14:00 in Shanghai
    expect(fitTemplateValue('time2', at)).toBe('2026年12月3日 14:00');
    expect(fitTemplateValue('date4', at)).toBe('2026年12月3日');
    expect(fitTemplateValue('time2', '2026-12-03T16:30:00Z')).toBe('2026年12月4日 00:30');
  });

  test('phrase keeps at most 5 Chinese characters; character_string at most 32 printable ASCII', () => {
    expect(fitTemplateValue('phrase3', '审核通过!')).toBe('审核通过');
    expect(fitTemplateValue('phrase3', '报名成功并已确认')).toBe('报名成功并');
    expect(fitTemplateValue('character_string5', `票码 AB-12 ${'x'.repeat(40)}`)).toHaveLength(32);
  });
});
