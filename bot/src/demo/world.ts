/**
 * A simulated WeChat for watching and trying the bot without an account: the sample groups, each
 * with an owner, the manager the api's sample data names and a few members, on wechaty-puppet-mock.
 * Everything said is kept per room (`conversations`, shown by the console) and printed; now and then
 * a member says something scripted (switchable), and once the bot is invited into a new room. The
 * console drives the same world: typing as a role, creating and renaming rooms, removing the bot.
 */
import { DEFAULT_BOT_NAME } from '@techbridge/shared';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { Conversations, type Role } from './conversations.js';
import { demoGroups, demoInviteRoom, demoManager } from './groups.js';

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
  /** A member speaks every this many ms; 0 keeps the world silent (the console can switch it on). */
  chatterMs?: number;
  print?: (line: string) => void;
}

/** A room as the console lists it. */
export interface RoomView {
  roomId: string;
  topic: string;
  botIn: boolean;
  people: { id: string; name: string; role: Role }[];
}

interface Seats {
  room: RoomMock;
  owner: ContactMock;
  manager?: ContactMock;
  members: ContactMock[];
  newcomer?: ContactMock;
}

export interface DemoWorld {
  mocker: mock.Mocker;
  puppet: PuppetMock;
  botContact: ContactMock;
  botName: string;
  conversations: Conversations;
  /** Shows a QR payload, then logs the bot in (call after the bot started). */
  login(): void;
  stop(): void;
  rooms(): RoomView[];
  /** Someone in `role` says `text` in the room; `mention` prefixes an @mention of the bot, as WeChat does. */
  say(roomId: string, role: Role, text: string, mention?: boolean): void;
  /** A new room whose owner invites the bot (the room-join flow); returns its id. */
  createRoom(topic: string): string;
  rename(roomId: string, topic: string): void;
  removeBot(roomId: string): void;
  inviteBot(roomId: string): void;
  chatterOn(): boolean;
  setChatter(on: boolean): void;
  /** Called when a room appears, is renamed, or the bot joins or leaves one. */
  onRoomsChanged(listener: () => void): () => void;
}

export function createDemoWorld(options: DemoWorldOptions = {}): DemoWorld {
  const { botName = DEFAULT_BOT_NAME, print = (line: string) => console.log(line) } = options;
  const chatterMs = options.chatterMs ?? 20_000;
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const botContact = mocker.createContact({ id: 'techbridge-bot', name: botName });
  const names = NAMES.map((name, i) => mocker.createContact({ id: `member-${i + 1}`, name }));
  const conversations = new Conversations();
  const seats = new Map<string, Seats>();
  const roomListeners = new Set<() => void>();
  const roomsChanged = () => roomListeners.forEach((l) => l());
  const topicOf = (roomId: string) => (mocker.roomPayload(roomId) as { topic: string }).topic;
  const payloadOf = (roomId: string) => mocker.roomPayload(roomId) as { topic: string; memberIdList: string[] };

  const roleOf = (s: Seats, contactId: string): Role => {
    if (contactId === s.owner.id) return 'owner';
    if (contactId === s.manager?.id) return 'manager';
    if (contactId === s.newcomer?.id) return 'newcomer';
    return 'member';
  };

  const watch = (s: Seats) => {
    // RoomMock is an EventEmitter; its typings lean on a package (typed-emitter) that is not installed.
    (s.room as unknown as NodeJS.EventEmitter).on('message', (message: mock.MessageMock) => {
      const { talkerId, text = '' } = message.payload;
      const topic = topicOf(s.room.id);
      if (talkerId === botContact.id) {
        print(`[发送] ${topic} ← ${indent(text)}`);
        conversations.add({ roomId: s.room.id, kind: 'bot', speaker: botName, text });
      } else {
        const speaker = message.talker().payload.name;
        print(`[群聊] ${topic} · ${speaker}: ${text}`);
        conversations.add({ roomId: s.room.id, kind: 'member', speaker, role: roleOf(s, talkerId!), text });
      }
    });
  };
  const seat = (room: RoomMock, owner: ContactMock, members: ContactMock[], manager?: ContactMock) => {
    const s: Seats = { room, owner, members, ...(manager ? { manager } : {}) };
    seats.set(room.id, s);
    watch(s);
    return s;
  };
  const system = (roomId: string, text: string) => {
    print(`[模拟] ${topicOf(roomId)} · ${text}`);
    conversations.add({ roomId, kind: 'system', speaker: '系统', text });
  };

  const sampleRooms = demoGroups.map((group, i) => {
    // An owner and 3 to 5 members, picked round the name list, plus the manager the api names.
    const people = Array.from({ length: 4 + (i % 3) }, (_, k) => names[(i * 2 + k) % names.length] as ContactMock);
    const m = demoManager(group.roomId);
    const manager = mocker.createContact({ id: m.id, name: m.name });
    const [owner, ...members] = people as [ContactMock, ...ContactMock[]];
    const room = mocker.createRoom({
      id: group.roomId,
      topic: group.topic,
      ownerId: owner.id,
      memberIdList: [botContact.id, owner.id, manager.id, ...members.map((c) => c.id)],
    });
    return seat(room, owner, members, manager);
  });

  const inviteMembers = names.slice(0, 4) as [ContactMock, ...ContactMock[]];
  const inviteRoom = mocker.createRoom({
    id: demoInviteRoom.roomId,
    topic: demoInviteRoom.topic,
    ownerId: inviteMembers[0].id,
    memberIdList: inviteMembers.map((m) => m.id),
  });
  seat(inviteRoom, inviteMembers[0], inviteMembers.slice(1));

  const world: DemoWorld = {
    mocker,
    puppet,
    botContact,
    botName,
    conversations,
    login() {
      mocker.scan('https://login.weixin.qq.com/l/techbridge-demo');
      mocker.login(botContact);
      if (chatterMs > 0) world.setChatter(true);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    rooms() {
      return [...seats.values()].map((s) => {
        const { topic, memberIdList } = payloadOf(s.room.id);
        const people = [s.owner, ...(s.manager ? [s.manager] : []), ...s.members, ...(s.newcomer ? [s.newcomer] : [])];
        return {
          roomId: s.room.id,
          topic,
          botIn: memberIdList.includes(botContact.id),
          people: people.map((c) => ({ id: c.id, name: c.payload.name, role: roleOf(s, c.id) })),
        };
      });
    },
    say(roomId, role, text, mention = false) {
      const s = seatsOf(roomId);
      const speaker = speakerFor(s, role);
      if (mention) speaker.say(`@${botName} ${text}`, [botContact]).to(s.room);
      else speaker.say(text).to(s.room);
    },
    createRoom(topic) {
      const n = seats.size + 1;
      const owner = mocker.createContact({ id: `console-owner-${n}`, name: `林主任${n}` });
      const members = [names[n % names.length], names[(n + 3) % names.length]] as ContactMock[];
      const room = mocker.createRoom({
        id: `console-${n}@chatroom`,
        topic,
        ownerId: owner.id,
        memberIdList: [owner.id, ...members.map((m) => m.id)],
      });
      seat(room, owner, members);
      roomsChanged();
      world.inviteBot(room.id);
      return room.id;
    },
    rename(roomId, topic) {
      const s = seatsOf(roomId);
      system(roomId, `${s.owner.payload.name} 修改群名为「${topic}」`);
      s.room.topic(topic).by(s.owner);
      roomsChanged();
    },
    removeBot(roomId) {
      const s = seatsOf(roomId);
      if (!payloadOf(roomId).memberIdList.includes(botContact.id)) return;
      system(roomId, `${s.owner.payload.name} 将 ${botName} 移出了群聊`);
      s.room.remove(botContact).by(s.owner);
      roomsChanged();
    },
    inviteBot(roomId) {
      const s = seatsOf(roomId);
      if (payloadOf(roomId).memberIdList.includes(botContact.id)) return;
      system(roomId, `${s.owner.payload.name} 邀请 ${botName} 加入了群聊`);
      s.room.add(botContact).by(s.owner);
      roomsChanged();
    },
    chatterOn: () => timer !== undefined,
    setChatter(on) {
      clearInterval(timer);
      timer = undefined;
      if (!on) return;
      timer = setInterval(chatter, chatterMs > 0 ? chatterMs : 20_000);
      timer.unref();
    },
    onRoomsChanged(listener) {
      roomListeners.add(listener);
      return () => roomListeners.delete(listener);
    },
  };

  const seatsOf = (roomId: string) => {
    const s = seats.get(roomId);
    if (!s) throw new Error(`no such room: ${roomId}`);
    return s;
  };
  /** The contact typing as `role`; a newcomer is added to the room the first time. */
  const speakerFor = (s: Seats, role: Role): ContactMock => {
    if (role === 'owner') return s.owner;
    if (role === 'manager' && s.manager) return s.manager;
    if (role === 'newcomer') {
      if (!s.newcomer) {
        const n = [...seats.values()].filter((x) => x.newcomer).length + 1;
        s.newcomer = mocker.createContact({ id: `newcomer-${n}`, name: `新朋友${n}` });
        system(s.room.id, `${s.owner.payload.name} 邀请 ${s.newcomer.payload.name} 加入了群聊`);
        s.room.add(s.newcomer).by(s.owner);
        roomsChanged();
      }
      return s.newcomer;
    }
    return s.members[0] ?? s.owner;
  };

  let tick = 0;
  let timer: NodeJS.Timeout | undefined;
  const chatter = () => {
    tick++;
    if (tick === 3 && !payloadOf(inviteRoom.id).memberIdList.includes(botContact.id)) {
      world.inviteBot(inviteRoom.id);
      return;
    }
    const s = sampleRooms[(tick * 5) % sampleRooms.length] as Seats;
    const line = SCRIPT[tick % SCRIPT.length] as string;
    const role: Role = tick % 4 === 0 ? 'owner' : 'member';
    const speaker = role === 'owner' ? s.owner : (s.members[tick % s.members.length] ?? s.owner);
    if (line.startsWith('@bot ')) speaker.say(`@${botName} ${line.slice(5)}`, [botContact]).to(s.room);
    else speaker.say(line).to(s.room);
  };

  return world;
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n        ');
}
