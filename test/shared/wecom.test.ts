import { expect, test } from '@jest/globals';
import {
  maskWecomKey,
  parseWecomWebhook,
  renderDigest,
  renderPush,
  toWecomMarkdown,
  WECOM_MARKDOWN_MAX_BYTES,
} from '@techbridge/shared';

const KEY = '693a91f6-7xe2-4f1b-9c55-1234567b2c9d'.replace('x', 'a');

test('a pasted webhook URL gives its key; anything else is refused', () => {
  expect(parseWecomWebhook(` https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY.toUpperCase()} `)).toBe(KEY);
  for (const bad of [
    `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`,
    `https://qyapi.weixin.qq.com.evil.cn/cgi-bin/webhook/send?key=${KEY}`,
    `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}&debug=1`,
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=',
    KEY,
  ]) {
    expect(parseWecomWebhook(bad)).toBeNull();
  }
});

test('the key is shown masked', () => {
  expect(maskWecomKey(KEY)).toBe('693a****2c9d');
});

test('a push becomes markdown: bold title, the reason quoted, the link tappable, markup in titles neutralised', () => {
  const text = renderPush({
    kind: 'event',
    title: '路演 <font>**重要**</font>',
    reason: '上海 · 概念验证 · 企业',
    when: new Date('2026-12-10T06:00:00Z'),
    h5Url: 'https://h5.example.com/h5/#/pages/event/detail?id=1&t=ab',
  });
  const md = toWecomMarkdown(text);
  expect(md.split('\n')).toEqual([
    '**【活动预告】路演 ＜font＞＊＊重要＊＊＜/font＞**',
    '> 推荐理由：<font color="info">上海 · 概念验证 · 企业</font>',
    '时间：2026年12月10日 14:00',
    '[查看详情](https://h5.example.com/h5/#/pages/event/detail?id=1&t=ab)',
  ]);
});

test("a long message is cut to WeCom's 4,096 bytes on whole lines, saying so", () => {
  const digest = renderDigest(
    [{ kind: 'policy', title: '关于科技成果转化的政策', reason: '上海', h5Url: 'https://h5.example.com/h5/#/p?id=1' }],
    new Date('2026-12-03T01:00:00Z'),
  );
  expect(toWecomMarkdown(digest)).toMatch(/^\*\*【今日摘要】2026年12月3日，共 1 条\*\*\n1\. \[政策\]/);
  const long = ['【通知】很长的通知', ...Array.from({ length: 60 }, (_, i) => `第${i}行：${'科技成果转化'.repeat(7)}`)].join(
    '\n',
  );
  const md = toWecomMarkdown(long);
  expect(new TextEncoder().encode(md).length).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
  expect(md).toMatch(/^\*\*【通知】很长的通知\*\*\n第0行/);
  expect(md).toMatch(/\n第\d+行：(科技成果转化){7}\n…（内容较长，请在小程序查看全文）$/);
});
