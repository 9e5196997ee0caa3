/**
 * A simulated WeChat for watching the bot work without an account: the sample groups, each with
 * an owner and a few members, on wechaty-puppet-mock. Everything the bot posts is printed with the
 * room's topic; now and then a member says something (a command, an @mention, plain chatter), and
 * once the bot is invited into a new room.
 */
import { DEFAULT_BOT_NAME } from '@techbridge/shared';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { demoGroups, demoInviteRoom } from './groups.js';

type ContactMock = mock.ContactMock;
type RoomMock = mock.RoomMock;

const NAMES = [
  '王磊',
  '李娜',
  '张伟',
  '刘洋',
  '陈静',
  '杨帆',
  '赵敏',
  '黄强',
  '周婷',
  '吴昊',
  '徐丽',
  '孙杰',
  '马琳',
  '朱涛',
  '胡雪',
];

/** What members say, in turn; `@bot` stands for an @mention of the bot. */
const SCRIPT = [
  '@bot 帮助',
  '大家好，请问概念验证项目今年什么时候开始申报？',
  '最新政策',
  '近期活动',
  '@bot 近期活动 上海',
  '收到，谢谢分享',
  '订阅设置',
];

export interface DemoWorldOptions {
  botName?: string;
  /** A member speaks every this many ms; 0 keeps the world silent. */
  chatterMs?: number;
  print?: (line: string) => void;
}

export interface DemoWorld {
  mocker: mock.Mocker;
  puppet: PuppetMock;
  botContact: ContactMock;
  /** Shows a QR payload, then logs the bot in (call after the bot started). */
  login(): void;
  stop(): void;
}

export function createDemoWorld(options: DemoWorldOptions = {}): DemoWorld {
  const { botName = DEFAULT_BOT_NAME, chatterMs = 20_000, print = (line: string) => console.log(line) } = options;
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const botContact = mocker.createContact({ id: 'techbridge-bot', name: botName });
  const names = NAMES.map((name, i) => mocker.createContact({ id: `member-${i + 1}`, name }));
  const topics = new Map<string, string>();

  const watch = (room: RoomMock, topic: string) => {
    topics.set(room.id, topic);
    // RoomMock is an EventEmitter; its typings lean on a package (typed-emitter) that is not installed.
    (room as unknown as NodeJS.EventEmitter).on('message', (message: mock.MessageMock) => {
      const { talkerId, text } = message.payload;
      if (talkerId === botContact.id) print(`[发送] ${topics.get(room.id)} ← ${indent(text ?? '')}`);
      else print(`[群聊] ${topics.get(room.id)} · ${message.talker().payload.name}: ${text ?? ''}`);
    });
  };

  const rooms: { room: RoomMock; members: ContactMock[] }[] = demoGroups.map((group, i) => {
    // An owner and 3 to 5 members, picked round the name list.
    const members = Array.from({ length: 4 + (i % 3) }, (_, k) => names[(i * 2 + k) % names.length] as ContactMock);
    const room = mocker.createRoom({
      id: group.roomId,
      topic: group.topic,
      ownerId: members[0]?.id,
      memberIdList: [botContact.id, ...members.map((m) => m.id)],
    });
    watch(room, group.topic);
    return { room, members };
  });

  const inviteMembers = names.slice(0, 4);
  const inviteRoom = mocker.createRoom({
    id: demoInviteRoom.roomId,
    topic: demoInviteRoom.topic,
    ownerId: inviteMembers[0]?.id,
    memberIdList: inviteMembers.map((m) => m.id),
  });
  watch(inviteRoom, demoInviteRoom.topic);

  let tick = 0;
  let timer: NodeJS.Timeout | undefined;
  const chatter = () => {
    tick++;
    if (tick === 3) {
      print(`[模拟] ${inviteMembers[0]?.payload.name} 邀请机器人加入「${demoInviteRoom.topic}」`);
      inviteRoom.add(botContact).by(inviteMembers[0]);
      return;
    }
    const { room, members } = rooms[(tick * 5) % rooms.length] as (typeof rooms)[number];
    const speaker = members[tick % members.length] as ContactMock;
    const line = SCRIPT[tick % SCRIPT.length] as string;
    if (line.startsWith('@bot ')) speaker.say(`@${botName} ${line.slice(5)}`, [botContact]).to(room);
    else speaker.say(line).to(room);
  };

  return {
    mocker,
    puppet,
    botContact,
    login() {
      mocker.scan('https://login.weixin.qq.com/l/techbridge-demo');
      mocker.login(botContact);
      if (chatterMs > 0) {
        timer = setInterval(chatter, chatterMs);
        timer.unref();
      }
    },
    stop() {
      clearInterval(timer);
    },
  };
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n        ');
}
