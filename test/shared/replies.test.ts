/**
 * The bot's answers as people read them: every error names the problem and the fix, look-ups that
 * find nothing say what was searched and offer the nearest answer, and the bot has one name.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  COMMAND_HELP,
  DEFAULT_BOT_NAME,
  commandHelp,
  editDistance,
  nearestRegions,
  nearestTerms,
  parseCommand,
  replies,
} from '../../shared/src/index.js';

const AT = new Date('2026-12-10T06:00:00Z'); // 14:00 in Shanghai

describe('one name for the bot', () => {
  test('the help and the welcome use the configured name, the default otherwise', () => {
    assert.ok(COMMAND_HELP.startsWith(`${DEFAULT_BOT_NAME}可用指令：`));
    assert.ok(commandHelp('小科').startsWith('小科可用指令：'));
    assert.ok(replies.welcome('小科', commandHelp('小科')).startsWith('大家好，我是小科，'));
    assert.match(COMMAND_HELP, /报名 K7MX4P/, 'the help shows a code that is a valid code');
  });
});

describe('errors name the problem and the fix', () => {
  test('a member using a command that changes settings is told who may', () => {
    const text = replies.refused('订阅');
    assert.match(text, /^抱歉，「订阅」会修改本群的订阅/);
    assert.match(text, /群主、本群管理员或平台管理员/);
    assert.match(text, /订阅设置/);
  });

  test('an @mention that is not a command says what the bot can do', () => {
    assert.equal(
      replies.notUnderstood('你好'),
      '没听懂「你好」。发送「帮助」查看我能做什么，例如：近期活动、最新政策、订阅设置。',
    );
    assert.ok(replies.notUnderstood('长'.repeat(50)).startsWith(`没听懂「${'长'.repeat(20)}」`), 'a long line is cut');
  });

  test('an unknown event code', () => {
    assert.equal(
      replies.unknownCode('K7MX4P'),
      '没有找到编号为 K7MX4P 的活动（可能编号有误或活动已结束）。发送「近期活动」查看正在报名的活动。',
    );
  });

  test('a subscription word that looks like a typo of a known name is questioned, not stored', () => {
    const parsed = parseCommand('订阅 上海 概念验正');
    assert.ok(parsed?.kind === 'invalid' && parsed.command === 'subscribe');
    assert.equal(
      parsed.reply,
      '不认识「概念验正」。你是不是想写：概念验证？\n如确实要按关键词订阅，请发送：订阅 关键词 概念验正',
    );
    assert.deepEqual(parseCommand('订阅 关键词 概念验正'), { kind: 'subscribe', terms: ['概念验正'], asKeywords: true });
    assert.deepEqual(parseCommand('订阅 合成生物'), { kind: 'subscribe', terms: ['合成生物'] }, 'far from every name: a keyword');
  });
});

describe('look-ups', () => {
  const policy = { title: '上海市促进科技成果转移转化行动方案', url: 'http://h5/#/pages/policy/detail?id=1&t=cmd' };

  test('policies found are listed with their links', () => {
    assert.equal(replies.policies({ items: [policy], fallback: false }), `【最新政策】\n1. ${policy.title}\n   ${policy.url}`);
  });

  test('a keyword with no hit says what was searched, suggests the nearest topic, and lists the newest', () => {
    const text = replies.policies({ items: [policy], keyword: '概念验正', near: ['概念验证'], fallback: true });
    assert.equal(
      text,
      [
        '没有找到与「概念验正」相关的政策（已在标题和摘要中搜索）。你是不是想找：「概念验证」？',
        '以下是全国最新政策：',
        `1. ${policy.title}`,
        `   ${policy.url}`,
      ].join('\n'),
    );
  });

  test('a group whose profile matches nothing is told so, with the newest instead of a bare 暂无', () => {
    const text = replies.policies({ items: [policy], scope: '全国', fallback: true });
    assert.match(text, /^暂无符合本群订阅（全国）的政策。\n以下是全国最新政策：\n1\. /);
    assert.equal(
      replies.policies({ items: [], fallback: true }),
      '暂无符合本群订阅（未设置）的政策。\n平台上还没有已发布的政策。',
    );
  });

  test('matches found only without the audience filter say which audience was left out', () => {
    assert.equal(
      replies.policies({ items: [policy], withoutAudiences: '投资机构', fallback: true }),
      `暂无专门面向投资机构的政策，以下是符合本群地区和主题的最新政策：\n1. ${policy.title}\n   ${policy.url}`,
    );
  });

  test('policies matching only the group regions say the topics had none', () => {
    assert.equal(
      replies.policies({ items: [policy], regionOnly: '上海', fallback: true }),
      `【最新政策】上海（本群主题暂无新政策）\n1. ${policy.title}\n   ${policy.url}`,
    );
  });

  test('events carry their code and how to sign up; none in the region offers others', () => {
    const item = { title: '概念验证项目路演', startsAt: AT, place: '上海技术交易所', code: 'K7MX4P' };
    assert.equal(
      replies.events({ items: [item], fallback: false }),
      '【近期活动】\n1. 概念验证项目路演\n   2026年12月10日 14:00 · 上海技术交易所\n   报名请发送：报名 K7MX4P',
    );
    assert.match(
      replies.events({ items: [item], region: '天津', fallback: true }),
      /^天津近期没有活动。\n以下是其他地区的近期活动：/,
    );
    assert.match(replies.events({ items: [], fallback: true }), /平台上暂无即将举行的活动/);
  });

  test('the sign-up answer: title, time, place and the link last, a full event says 候补', () => {
    const url = 'http://h5/#/pages/event/detail?id=e1&t=chat-g1';
    assert.equal(
      replies.signup({ title: '路演', startsAt: AT, place: '张江', url, full: false }),
      `「路演」\n时间：2026年12月10日 14:00\n地点：张江\n报名链接：${url}`,
    );
    assert.match(replies.signup({ title: '路演', startsAt: AT, url, full: true }), /名额已满，可报名候补\n报名链接/);
  });
});

describe('nearest names', () => {
  test('edit distance counts Chinese characters as one', () => {
    assert.equal(editDistance('上海', '上梅'), 1);
    assert.equal(editDistance('概念验证', '概念验证'), 0);
  });
  test('regions and topics near a typo; nothing near nonsense', () => {
    // Both one character away; with every prefecture-level city known, 上饶 is a fair second guess.
    assert.deepEqual(nearestRegions('上梅'), ['上海', '上饶']);
    assert.ok(nearestTerms('人工智慧').includes('人工智能'));
    assert.deepEqual(nearestRegions('火星'), []);
  });
});
