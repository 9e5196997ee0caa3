/**
 * A small WeChat on wechaty-puppet-mock for bot tests: a bot contact, rooms with an owner and a
 * few members, and a record of every message the bot posted, per room, taken from the mock rooms
 * themselves (the bot's own sends come back through the mocker as messages whose talker is the
 * bot), so tests can assert "room X received exactly these texts".
 */
import { WechatyBuilder, types } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import { PuppetMock, mock } from 'wechaty-puppet-mock';

export interface RoomSpec {
  id: string;
  topic: string;
  /** Members besides the owner (default 3). */
  members?: number;
  /** Whether the bot is in the room from the start (default true). */
  withBot?: boolean;
}

export interface SentMessage {
  roomId: string;
  text: string;
  at: number;
}

export interface MockWorld {
  mocker: mock.Mocker;
  puppet: PuppetMock;
  bot: WechatyInterface;
  botContact: mock.ContactMock;
  room(id: string): mock.RoomMock;
  /** The room's owner first, then its members. */
  people(id: string): mock.ContactMock[];
  owner(id: string): mock.ContactMock;
  /** Every message the bot posted, in order. */
  sent: SentMessage[];
  /** The texts the bot posted into one room, in order. */
  received(roomId: string): string[];
  /** Scans and logs the bot in; resolves when wechaty emitted `login`. */
  login(): Promise<void>;
  /** A member says `text` in a room; `mentionBot` adds an @mention of the bot (as WeChat does). */
  say(roomId: string, speaker: mock.ContactMock, text: string, mentionBot?: boolean): void;
  /** Delivers a message with a chosen payload (an old timestamp, a fixed id); returns its id. */
  inject(payload: { id: string; roomId: string; talkerId: string; text: string; timestamp?: number }): string;
  /** Delivers an already known message id again, as puppets do after a reconnect. */
  redeliver(messageId: string): void;
}

export const BOT_NAME = '科转通测试';

export function createMockWorld(rooms: RoomSpec[]): MockWorld {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const bot = WechatyBuilder.build({ puppet });
  const botContact = mocker.createContact({ id: 'bot-self', name: BOT_NAME });
  const sent: SentMessage[] = [];
  const roomMap = new Map<string, mock.RoomMock>();
  const peopleMap = new Map<string, mock.ContactMock[]>();
  let seq = 0;

  for (const spec of rooms) {
    const people = Array.from({ length: 1 + (spec.members ?? 3) }, (_, i) =>
      mocker.createContact({ id: `${spec.id.split('@')[0]}-p${i}`, name: i === 0 ? `群主${++seq}` : `成员${++seq}` }),
    );
    const room = mocker.createRoom({
      id: spec.id,
      topic: spec.topic,
      ownerId: people[0]!.id,
      memberIdList: [...(spec.withBot === false ? [] : [botContact.id]), ...people.map((p) => p.id)],
    });
    // RoomMock is an EventEmitter; its typings lean on a package (typed-emitter) that is not installed.
    (room as unknown as NodeJS.EventEmitter).on('message', (message: mock.MessageMock) => {
      const { talkerId, text } = message.payload;
      if (talkerId === botContact.id) sent.push({ roomId: room.id, text: text ?? '', at: Date.now() });
    });
    roomMap.set(spec.id, room);
    peopleMap.set(spec.id, people);
  }

  const room = (id: string) => {
    const found = roomMap.get(id);
    if (!found) throw new Error(`no room ${id} in this world`);
    return found;
  };
  const people = (id: string) => peopleMap.get(id) ?? [];

  return {
    mocker,
    puppet,
    bot,
    botContact,
    room,
    people,
    owner: (id) => people(id)[0]!,
    sent,
    received: (roomId) => sent.filter((s) => s.roomId === roomId).map((s) => s.text),
    async login() {
      const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
      mocker.scan('https://login.weixin.qq.com/l/test-qrcode');
      mocker.login(botContact);
      await loggedIn;
    },
    say(roomId, speaker, text, mentionBot = false) {
      speaker.say(mentionBot ? `@${BOT_NAME} ${text}` : text, mentionBot ? [botContact] : []).to(room(roomId));
    },
    inject({ id, roomId, talkerId, text, timestamp = Date.now() }) {
      mocker.MessageMock.create({ id, roomId, talkerId, text, timestamp, type: types.Message.Text, mentionIdList: [] });
      puppet.emit('message', { messageId: id });
      return id;
    },
    redeliver(messageId) {
      puppet.emit('message', { messageId });
    },
  };
}
