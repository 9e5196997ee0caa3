import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { COMMAND_HELP, parseCommand, resolveTerms } from '../../shared/src/index.js';

const BOT = '科转通助手';

describe('parseCommand: every command and its English alias', () => {
  test('help and settings', () => {
    for (const text of ['帮助', 'help', 'HELP', 'Help']) assert.deepEqual(parseCommand(text), { kind: 'help' }, text);
    for (const text of ['订阅设置', 'settings']) assert.deepEqual(parseCommand(text), { kind: 'settings' }, text);
  });

  test('subscribe splits terms on spaces, 、 , ， and drops repeats', () => {
    const expected = { kind: 'subscribe', terms: ['上海', '概念验证', 'POC', '人工智能'] };
    assert.deepEqual(parseCommand('订阅 上海、概念验证,POC，人工智能 上海'), expected);
    assert.deepEqual(parseCommand('sub 上海 概念验证 POC 人工智能'), expected);
    assert.deepEqual(parseCommand('subscribe 上海'), { kind: 'subscribe', terms: ['上海'] });
  });

  test('subscribe without terms says what to write', () => {
    const invalid = {
      kind: 'invalid',
      command: 'subscribe',
      reply: '请写上要订阅的地区、主题或关键词，例如：订阅 上海 概念验证',
    };
    assert.deepEqual(parseCommand('订阅'), invalid);
    assert.deepEqual(parseCommand('sub 、，'), invalid);
  });

  test('unsubscribe terms or everything', () => {
    assert.deepEqual(parseCommand('退订 概念验证、上海'), { kind: 'unsubscribe', terms: ['概念验证', '上海'] });
    assert.deepEqual(parseCommand('unsub POC'), { kind: 'unsubscribe', terms: ['POC'] });
    assert.deepEqual(parseCommand('退订 全部'), { kind: 'unsubscribe', terms: 'all' });
    assert.deepEqual(parseCommand('unsub all'), { kind: 'unsubscribe', terms: 'all' });
    const bare = parseCommand('退订');
    assert.equal(bare?.kind, 'invalid');
    assert.ok(bare?.kind === 'invalid' && bare.command === 'unsubscribe' && bare.reply.includes('退订 全部'));
  });

  test('mode: instant, digest with a normalized time, digest defaulting to 09:00', () => {
    assert.deepEqual(parseCommand('模式 即时'), { kind: 'mode', mode: 'instant' });
    assert.deepEqual(parseCommand('mode instant'), { kind: 'mode', mode: 'instant' });
    assert.deepEqual(parseCommand('模式 摘要 18:30'), { kind: 'mode', mode: 'digest', at: '18:30' });
    assert.deepEqual(parseCommand('模式 摘要 9:00'), { kind: 'mode', mode: 'digest', at: '09:00' });
    assert.deepEqual(parseCommand('模式 摘要 7：05'), { kind: 'mode', mode: 'digest', at: '07:05' });
    assert.deepEqual(parseCommand('模式 摘要'), { kind: 'mode', mode: 'digest', at: '09:00' });
    assert.deepEqual(parseCommand('mode digest 20:00'), { kind: 'mode', mode: 'digest', at: '20:00' });
  });

  test('mode: an unknown mode names it and the two that exist; a bad time names the time', () => {
    for (const text of ['模式', '模式 每周', '模式 即时 09:00', '模式 摘要 9:00 晚上']) {
      const parsed = parseCommand(text);
      assert.ok(parsed?.kind === 'invalid' && parsed.command === 'mode', text);
      assert.match(parsed.reply, /「模式 即时」.*「模式 摘要 09:00」/, text);
    }
    assert.match((parseCommand('模式 每周') as { reply: string }).reply, /^「每周」不是推送方式/);
    for (const [text, bad] of [
      ['模式 摘要 24:00', '24:00'],
      ['模式 摘要 9:7', '9:7'],
      ['模式 摘要 09:60', '09:60'],
    ]) {
      assert.deepEqual(
        parseCommand(text!),
        {
          kind: 'invalid',
          command: 'mode',
          reply: `「${bad}」不是有效时间：小时应为 00-23，分钟为 00-59。例如：模式 摘要 09:00`,
        },
        text,
      );
    }
  });

  test('quiet hours with every separator, and off', () => {
    const range = { kind: 'quiet', range: { start: '22:00', end: '08:00' } };
    for (const text of [
      '免打扰 22:00-08:00',
      '免打扰 22:00～08:00',
      '免打扰 22:00~08:00',
      '免打扰 22:00至8:00',
      '免打扰 22:00到08:00',
    ]) {
      assert.deepEqual(parseCommand(text), range, text);
    }
    assert.deepEqual(parseCommand('免打扰 22:00 - 08:00'), range, 'spaces around the separator');
    assert.deepEqual(parseCommand('quiet 12:30-14:00'), { kind: 'quiet', range: { start: '12:30', end: '14:00' } });
    assert.deepEqual(parseCommand('免打扰 关闭'), { kind: 'quiet', range: null });
    assert.deepEqual(parseCommand('quiet off'), { kind: 'quiet', range: null });
  });

  test('quiet hours: a malformed range shows the form; a bad time is named; an empty range says so', () => {
    const shape = { kind: 'invalid', command: 'quiet', reply: '请写一个时段，例如：免打扰 22:00-08:00；取消请发送：免打扰 关闭' };
    for (const text of ['免打扰', '免打扰 22:00', '免打扰 晚上', '免打扰 22:00/08:00', '免打扰 晚上-早上']) {
      assert.deepEqual(parseCommand(text), shape, text);
    }
    assert.deepEqual(parseCommand('免打扰 25:00-07:00'), {
      kind: 'invalid',
      command: 'quiet',
      reply: '「25:00」不是有效时间：小时应为 00-23，分钟为 00-59。例如：免打扰 22:00-08:00',
    });
    assert.match((parseCommand('免打扰 22:00-07:61') as { reply: string }).reply, /^「07:61」不是有效时间/);
    assert.deepEqual(parseCommand('免打扰 22:00-22:00'), {
      kind: 'invalid',
      command: 'quiet',
      reply: '开始和结束都是 22:00，时段为空。例如：免打扰 22:00-08:00',
    });
  });

  test('latest policies with and without a keyword', () => {
    assert.deepEqual(parseCommand('最新政策'), { kind: 'latestPolicies' });
    assert.deepEqual(parseCommand('policies'), { kind: 'latestPolicies' });
    assert.deepEqual(parseCommand('最新政策 概念验证'), { kind: 'latestPolicies', keyword: '概念验证' });
    assert.deepEqual(parseCommand('policies 先使用后付费'), { kind: 'latestPolicies', keyword: '先使用后付费' });
  });

  test('upcoming events resolve the region word to a code when the taxonomy knows it', () => {
    assert.deepEqual(parseCommand('近期活动'), { kind: 'upcomingEvents' });
    assert.deepEqual(parseCommand('近期活动 上海'), { kind: 'upcomingEvents', region: '310000', regionWord: '上海' });
    assert.deepEqual(parseCommand('events 北京市'), { kind: 'upcomingEvents', region: '110000', regionWord: '北京市' });
    assert.deepEqual(parseCommand('近期活动 沪'), { kind: 'upcomingEvents', region: '310000', regionWord: '沪' });
  });

  test('an unknown region is named, with the nearest known names or examples', () => {
    assert.deepEqual(parseCommand('近期活动 火星'), {
      kind: 'invalid',
      command: 'upcomingEvents',
      reply: '没有找到地区「火星」。可以写省、市或区的名称，如：上海、北京、浦东。例如：近期活动 上海',
    });
    assert.deepEqual(parseCommand('近期活动 上梅'), {
      kind: 'invalid',
      command: 'upcomingEvents',
      reply: '没有找到地区「上梅」。你是不是想写：上海、上饶？例如：近期活动 上海',
    });
  });

  test('signup takes a 6-character event code in any case', () => {
    assert.deepEqual(parseCommand('signup K7MX4P'), { kind: 'signup', code: 'K7MX4P' });
    assert.deepEqual(parseCommand('报名 k7mx4p'), { kind: 'signup', code: 'K7MX4P' });
    assert.deepEqual(parseCommand('报名 #K7MX4P'), { kind: 'signup', code: 'K7MX4P' });
    for (const text of [
      '报名',
      '报名 K7MX',
      '报名 K7MX-4P',
      '报名 路演活动',
      '报名 K7MX4P K7MX4Q',
      '报名 A1B2C3',
      '报名 65a1b2c3d4e5f60718293a4b',
    ]) {
      const parsed = parseCommand(text);
      assert.ok(parsed?.kind === 'invalid' && parsed.command === 'signup', text);
      assert.match(parsed.reply, /活动编号是 6 位字母和数字（如 K7MX4P）/, text);
    }
    assert.match((parseCommand('报名 A1B2C3') as { reply: string }).reply, /^「A1B2C3」不是活动编号/);
  });
});

describe('parseCommand: mentions, spacing and ordinary chat', () => {
  test('strips the bot mention with the WeChat separator U+2005 or spaces', () => {
    assert.deepEqual(parseCommand(`@${BOT}\u2005帮助`, { botName: BOT }), { kind: 'help' });
    assert.deepEqual(parseCommand(`@${BOT} 订阅 上海`, { botName: BOT }), { kind: 'subscribe', terms: ['上海'] });
    assert.deepEqual(parseCommand(`  @${BOT}\u2005\u3000最新政策  `, { botName: BOT }), { kind: 'latestPolicies' });
    assert.equal(parseCommand(`@${BOT}`, { botName: BOT }), null, 'a bare mention is chat, not a command');
  });

  test('a message mentioning someone else is not a command for the bot', () => {
    assert.equal(parseCommand('@张三\u2005帮助', { botName: BOT }), null);
    assert.equal(parseCommand(`@${BOT}二号\u2005帮助`, { botName: BOT }), null, 'a longer name is another member');
    assert.equal(parseCommand('@小科订阅\u2005上海', { botName: '小科' }), null, 'a member whose name starts with the bot name');
  });

  test('without botName, a WeChat mention (ending in U+2005) is dropped', () => {
    assert.deepEqual(parseCommand(`@${BOT}\u2005近期活动 上海`), {
      kind: 'upcomingEvents',
      region: '310000',
      regionWord: '上海',
    });
  });

  test('full-width spaces separate words like ordinary spaces', () => {
    assert.deepEqual(parseCommand('\u3000订阅\u3000上海\u3000概念验证\u3000'), {
      kind: 'subscribe',
      terms: ['上海', '概念验证'],
    });
    assert.deepEqual(parseCommand('模式\u3000摘要\u300009:30'), { kind: 'mode', mode: 'digest', at: '09:30' });
  });

  test('ordinary chat is null', () => {
    for (const text of [
      '',
      '   ',
      '大家好',
      '订阅号推荐一下',
      '帮助我看看这个政策',
      '报名了吗？',
      'helpful',
      '今天的最新政策有吗',
      '模式识别',
    ]) {
      assert.equal(parseCommand(text, { botName: BOT }), null, JSON.stringify(text));
    }
  });
});

describe('resolveTerms', () => {
  test('maps regions by name, full name, abbreviation; topics and audiences by label or synonym', () => {
    assert.deepEqual(
      resolveTerms(['上海', '上海市', '沪', '北京', '全国', '浦东', 'POC', '概念验证', 'ai', '企业', '高校', '合成生物']),
      {
        regions: ['310000', '110000', '000000', '310115'],
        topics: ['poc', 'ai'],
        audiences: ['enterprise', 'institution'],
        keywords: ['合成生物'],
      },
    );
  });

  test('a word that is both a topic and an audience becomes a topic (it widens, never narrows)', () => {
    assert.deepEqual(resolveTerms(['技术经理人']), { regions: [], topics: ['tech-manager'], audiences: [], keywords: [] });
    assert.deepEqual(resolveTerms(['投资人']).audiences, ['investor']);
  });

  test('unknown words stay keywords as typed, capped at 30 characters; blanks are skipped', () => {
    const long = '量子'.repeat(20);
    const out = resolveTerms(['  ', 'eVTOL适航', long]);
    assert.deepEqual(out.keywords, ['eVTOL适航', long.slice(0, 30)]);
    assert.equal(out.keywords[1]?.length, 30);
    assert.deepEqual(resolveTerms(['eVTOL']).topics, ['low-altitude'], 'synonyms match case-insensitively');
  });
});

describe('COMMAND_HELP', () => {
  test('lists every command with an example and fits one WeChat message', () => {
    assert.ok(COMMAND_HELP.length < 600, `help is ${COMMAND_HELP.length} characters`);
    for (const example of [
      '订阅 上海',
      '退订',
      '订阅设置',
      '模式 摘要 09:00',
      '免打扰 22:00-08:00',
      '最新政策',
      '近期活动 上海',
      '报名 ',
    ]) {
      assert.ok(COMMAND_HELP.includes(example), example);
    }
    // Every example line in the help must itself parse as the command it documents.
    for (const line of COMMAND_HELP.split('\n').filter((l) => l.includes(' —— '))) {
      const example = (line.split(' —— ')[0] as string).split(' / ')[0] as string;
      const parsed = parseCommand(example);
      assert.ok(parsed !== null && parsed.kind !== 'invalid', `help example does not parse: ${example}`);
    }
  });
});
