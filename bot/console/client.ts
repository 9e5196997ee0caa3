/**
 * The console page's script: the room list, the selected room's conversation (live over SSE), the
 * composer (role, @mention, quick commands) and, beside it, the room's settings as the api holds
 * them. Labels come from the shared taxonomy; all state lives in the bot process.
 */
import { audienceLabel, regionName, topicLabel } from '@techbridge/shared';

type Role = 'owner' | 'manager' | 'member' | 'newcomer';
interface Line {
  seq: number;
  roomId: string;
  at: string;
  kind: 'member' | 'bot' | 'system';
  speaker: string;
  role?: Role;
  text: string;
}
interface Room {
  roomId: string;
  topic: string;
  botIn: boolean;
  people: { id: string; name: string; role: Role }[];
}
interface Profile {
  known: boolean;
  status: string | null;
  topic: string | null;
  profile: { regions: string[]; topics: string[]; audiences: string[]; keywords: string[] };
  delivery: { mode: string; digestAt: string; quietHours: { start: string; end: string } | null };
  managerNames: string[];
}

const ROLE_LABEL: Record<Role, string> = { owner: '群主', manager: '管理员', member: '成员', newcomer: '新成员' };
const STATUS_LABEL: Record<string, string> = { active: '接收推送', removed: '机器人已移出', needs_rebind: '待重新绑定' };
const QUICK = ['帮助', '订阅设置', '最新政策', '近期活动', '订阅 上海 概念验证'];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let rooms: Room[] = [];
const lines = new Map<string, Line[]>();
let current: string | null = null;

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error((json as { error?: string }).error ?? `请求失败（${res.status}）`);
  return json as T;
}

function el(tag: string, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function renderRooms() {
  const nav = $('rooms');
  nav.replaceChildren(
    ...rooms.map((r) => {
      const last = (lines.get(r.roomId) ?? []).at(-1);
      const item = el(
        'div',
        { class: `room${r.roomId === current ? ' active' : ''}`, 'data-room': r.roomId, 'data-testid': 'room' },
        el(
          'div',
          { class: 'topic' },
          r.topic,
          el('span', { class: `badge${r.botIn ? '' : ' out'}` }, r.botIn ? '机器人在群' : '无机器人'),
        ),
        el('div', { class: 'last' }, last ? `${last.speaker}：${last.text.split('\n')[0]}` : '暂无消息'),
      );
      item.addEventListener('click', () => select(r.roomId));
      return item;
    }),
  );
}

function lineNode(l: Line): HTMLElement {
  if (l.kind === 'system')
    return el('div', { class: 'line system', 'data-testid': 'line' }, el('span', { class: 'text' }, `${time(l.at)} ${l.text}`));
  const who = l.kind === 'bot' ? `${l.speaker}（机器人）` : `${l.speaker}${l.role ? `（${ROLE_LABEL[l.role]}）` : ''}`;
  return el(
    'div',
    { class: `line ${l.kind}`, 'data-testid': l.kind === 'bot' ? 'bot-line' : 'line' },
    el('div', { class: 'who' }, `${who} ${time(l.at)}`),
    el('div', { class: 'text' }, l.text),
  );
}

function renderChat() {
  const room = rooms.find((r) => r.roomId === current);
  $('chat-title').textContent = room ? room.topic : '选择一个群';
  $('toggle-bot').textContent = room?.botIn === false ? '邀请机器人' : '移出机器人';
  const box = $('lines');
  box.replaceChildren(...(current ? (lines.get(current) ?? []) : []).map(lineNode));
  box.scrollTop = box.scrollHeight;
}

const facet = (values: string[], label: (v: string) => string) => (values.length ? values.map(label).join('、') : '未设置');

async function renderProfile() {
  const dl = $('profile');
  if (!current) return void dl.replaceChildren();
  const roomId = current;
  try {
    const p = await call<Profile>('GET', `/api/rooms/${encodeURIComponent(roomId)}/profile`);
    if (roomId !== current) return;
    const rows: [string, string][] = p.known
      ? [
          ['状态', STATUS_LABEL[p.status ?? ''] ?? p.status ?? ''],
          ['群名', p.topic ?? ''],
          ['地区', facet(p.profile.regions, regionName)],
          ['主题', facet(p.profile.topics, topicLabel)],
          ['对象', facet(p.profile.audiences, audienceLabel)],
          ['关键词', facet(p.profile.keywords, (k) => k)],
          ['推送方式', p.delivery.mode === 'digest' ? `每日摘要 ${p.delivery.digestAt}` : '即时推送'],
          ['免打扰', p.delivery.quietHours ? `${p.delivery.quietHours.start}-${p.delivery.quietHours.end}` : '未设置'],
          ['管理员', p.managerNames.join('、') || '未设置'],
        ]
      : [['状态', '平台上还没有这个群（邀请机器人后登记）']];
    dl.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-field': k }, v)]));
  } catch (err) {
    dl.replaceChildren(el('dd', {}, (err as Error).message));
  }
}

function select(roomId: string) {
  current = roomId;
  document.body.dataset.view = 'chat';
  renderRooms();
  renderChat();
  void renderProfile();
}

function addLine(l: Line) {
  const list = lines.get(l.roomId) ?? [];
  if (list.some((x) => x.seq === l.seq)) return;
  list.push(l);
  lines.set(l.roomId, list);
  renderRooms();
  if (l.roomId !== current) return;
  const box = $('lines');
  box.append(lineNode(l));
  box.scrollTop = box.scrollHeight;
  // A bot reply may follow a change of settings: show them as the api now holds them.
  if (l.kind !== 'member') void renderProfile();
}

async function send(text: string) {
  if (!current) return;
  $('error').textContent = '';
  try {
    await call('POST', `/api/rooms/${encodeURIComponent(current)}/say`, {
      role: $<HTMLSelectElement>('role').value,
      text,
      mention: $<HTMLInputElement>('mention').checked,
    });
  } catch (err) {
    $('error').textContent = (err as Error).message;
  }
}

async function start() {
  const state = await call<{ botName: string; chatter: boolean; rooms: Room[]; lines: Record<string, Line[]> }>(
    'GET',
    '/api/state',
  );
  $('bot-name').textContent = state.botName;
  $<HTMLInputElement>('chatter').checked = state.chatter;
  rooms = state.rooms;
  for (const [id, list] of Object.entries(state.lines)) lines.set(id, list);
  renderRooms();
  if (matchMedia('(min-width: 761px)').matches && rooms[0]) select(rooms[0].roomId);

  const events = new EventSource('/api/events');
  events.addEventListener('line', (e) => addLine(JSON.parse((e as MessageEvent).data)));
  events.addEventListener('rooms', (e) => {
    rooms = JSON.parse((e as MessageEvent).data);
    renderRooms();
    renderChat();
    void renderProfile();
    // The bot reports a rename or removal to the api a moment later: look again then.
    setTimeout(() => void renderProfile(), 1_000);
  });
  events.addEventListener('chatter', (e) => {
    $<HTMLInputElement>('chatter').checked = JSON.parse((e as MessageEvent).data).on;
  });

  // Organizers change settings elsewhere too (the mini-program): keep the panel close to the api's view.
  setInterval(() => void renderProfile(), 10_000);

  $('chips').replaceChildren(
    ...QUICK.map((q) => {
      const b = el('button', { type: 'button' }, q);
      b.addEventListener('click', () => void send(q));
      return b;
    }),
  );
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $<HTMLInputElement>('text');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    void send(text);
  });
  $('chatter').addEventListener(
    'change',
    () => void call('POST', '/api/chatter', { on: $<HTMLInputElement>('chatter').checked }),
  );
  $('back').addEventListener('click', () => (document.body.dataset.view = 'list'));
  $('new-room').addEventListener('click', async () => {
    const topic = prompt('新群的名称', '新建成果转化交流群');
    if (!topic) return;
    const { roomId } = await call<{ roomId: string }>('POST', '/api/rooms', { topic });
    select(roomId);
  });
  $('rename').addEventListener('click', async () => {
    const room = rooms.find((r) => r.roomId === current);
    const topic = room && prompt('新的群名', room.topic);
    if (topic && current) await call('POST', `/api/rooms/${encodeURIComponent(current)}/rename`, { topic });
  });
  $('toggle-bot').addEventListener('click', async () => {
    const room = rooms.find((r) => r.roomId === current);
    if (room) await call('POST', `/api/rooms/${encodeURIComponent(room.roomId)}/${room.botIn ? 'remove-bot' : 'invite-bot'}`);
  });
}

void start();
