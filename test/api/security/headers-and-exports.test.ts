/**
 * What leaves the api besides JSON: security headers, CORS, the CSV export (formula injection,
 * BOM), masked phones in organizer views (invariant 6), the calendar file, the OpenAPI document,
 * and the logs (no phone numbers or other personal data).
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { allRoutes } from '../../../api/src/routes/index.js';
import { escapeCell } from '../../../api/src/routes/registrations/export.js';
import type { RunningApi } from '../../../api/src/server.js';
import { call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../../support/api.js';

let api: RunningApi;
let org: { id: string; token: string };
let admin: { id: string; token: string };
let eventId: string;
let eventTitle: string;
let eventStartsAt: string;

/** Registrants of `eventId`: hostile names and orgs that a spreadsheet would run as formulas. */
const REGISTRANTS = [
  { name: '张三', org: '上海交通大学', phone: '13812345678', answer: '新型锂电池隔膜' },
  { name: '=HYPERLINK("x")', org: '+cmd', phone: '13900001111', answer: '=1+1' },
  { name: '@SUM(1)', org: '-2+3', phone: '15011112222', answer: '@cmd' },
  { name: '-2+3', org: '@SUM(1)', phone: '18622223333', answer: '+86 合作' },
];
const regs: Array<{ id: string; ticketCode: string; token: string; createdAt: string }> = [];

beforeAll(async () => {
  api = await startTestApi(uniqueDbName('headers'));
  org = await makeUser(api, ['organizer']);
  admin = await makeUser(api, ['admin']);
  eventTitle = '2026 浦东概念验证路演';
  const event = await publishedEvent(api, org.token, {
    title: eventTitle,
    venue: '张江科学会堂',
    registration: { capacity: 20, questions: [{ id: 'project', label: '路演项目', required: true }] },
  });
  eventId = event.id;
  eventStartsAt = event.startsAt as string;
  for (const r of REGISTRANTS) {
    const u = await makeUser(api);
    const reply = await signUp(api, eventId, u.token, {
      name: r.name,
      org: r.org,
      phone: r.phone,
      answers: { project: r.answer },
    });
    assert.equal(reply.status, 201, reply.text);
    regs.push({ id: reply.body.id, ticketCode: reply.body.ticketCode, token: u.token, createdAt: reply.body.createdAt });
  }
});
afterAll(async () => api?.stop());

// --- headers ---------------------------------------------------------------------------------

function assertSecurityHeaders(h: Headers, label: string) {
  assert.equal(h.get('x-content-type-options'), 'nosniff', `${label}: nosniff`);
  const csp = h.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/, `${label}: CSP ${csp}`);
  const xfo = h.get('x-frame-options') ?? '';
  assert.ok(/^(DENY|SAMEORIGIN)$/i.test(xfo) || /frame-ancestors ('none'|'self')/.test(csp), `${label}: framing refused`);
  assert.equal(h.get('x-powered-by'), null, `${label}: no x-powered-by`);
}

test('security headers are on every kind of reply, errors and files included', async () => {
  const replies = {
    'JSON 200': await call(api.url, 'GET', '/api/v1/events'),
    health: await call(api.url, 'GET', '/healthz'),
    '401': await call(api.url, 'GET', '/api/v1/me'),
    '404': await call(api.url, 'GET', '/api/v1/no-such-thing'),
    '400': await call(api.url, 'GET', '/api/v1/events/123'),
    csv: await call(api.url, 'GET', `/api/v1/events/${eventId}/registrations/export.csv`, { token: org.token }),
    ics: await call(api.url, 'GET', `/api/v1/events/${eventId}/calendar.ics`),
  };
  for (const [label, r] of Object.entries(replies)) assertSecurityHeaders(r.headers, label);
  assert.equal(replies['401'].status, 401);
  assert.equal(replies.csv.status, 200);
});

test('CORS: the allowed origin is echoed, any other origin gets nothing', async () => {
  const allowed = 'http://allowed.example';
  const ok = await call(api.url, 'GET', '/api/v1/events', { headers: { origin: allowed } });
  assert.equal(ok.headers.get('access-control-allow-origin'), allowed);
  assert.match(ok.headers.get('vary') ?? '', /origin/i);

  // Errors carry it too, so the H5 app can read why it was refused.
  const err = await call(api.url, 'GET', '/api/v1/me', { headers: { origin: allowed } });
  assert.equal(err.status, 401);
  assert.equal(err.headers.get('access-control-allow-origin'), allowed);

  const preflight = await fetch(`${api.url}/api/v1/events`, {
    method: 'OPTIONS',
    headers: {
      origin: allowed,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
  assert.ok(preflight.status === 204 || preflight.status === 200, `preflight ${preflight.status}`);
  assert.equal(preflight.headers.get('access-control-allow-origin'), allowed);
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/i);

  for (const foreign of [
    'http://evil.example',
    'http://allowed.example.evil.example',
    'https://allowed.example',
    'http://allowed.example:8080',
    'null',
  ]) {
    const r = await call(api.url, 'GET', '/api/v1/events', { headers: { origin: foreign } });
    assert.equal(r.headers.get('access-control-allow-origin'), null, `${foreign} got CORS`);
    const pre = await fetch(`${api.url}/api/v1/events`, {
      method: 'OPTIONS',
      headers: { origin: foreign, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(pre.headers.get('access-control-allow-origin'), null, `${foreign} preflight got CORS`);
  }
  const none = await call(api.url, 'GET', '/api/v1/events');
  assert.equal(none.headers.get('access-control-allow-origin'), null);
});

// --- CSV export ------------------------------------------------------------------------------

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

test('CSV export: BOM, Chinese headers, full rows, formula cells escaped', async () => {
  const res = await fetch(`${api.url}/api/v1/events/${eventId}/registrations/export.csv`, {
    headers: { authorization: `Bearer ${org.token}` },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(res.headers.get('content-type') ?? '', /charset=utf-8/i);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));

  assert.deepEqual(rows[0], [
    '票码',
    '状态',
    '身份',
    '姓名',
    '单位',
    '手机号',
    '路演项目',
    '报名时间（北京时间）',
    '签到时间（北京时间）',
  ]);
  // Shanghai wall-clock time, as the organizer's spreadsheet should show it (UTC+8, no DST).
  const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const body = rows.slice(1);
  assert.equal(body.length, REGISTRANTS.length, 'one row per registration');
  for (const row of body) assert.equal(row.length, rows[0]!.length, `full row: ${JSON.stringify(row)}`);

  const esc = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
  REGISTRANTS.forEach((r, i) => {
    const row = body.find((x) => x[0] === regs[i]!.ticketCode);
    assert.ok(row, `row for ${r.name}`);
    assert.deepEqual(row, [
      regs[i]!.ticketCode,
      '报名成功',
      '参会者',
      esc(r.name),
      esc(r.org),
      r.phone,
      esc(r.answer),
      shanghai(regs[i]!.createdAt),
      '',
    ]);
  });
  assert.equal(body.find((x) => x[0] === regs[1]!.ticketCode)![3], `'=HYPERLINK("x")`);
  assert.equal(body.find((x) => x[0] === regs[1]!.ticketCode)![4], `'+cmd`);
  assert.equal(body.find((x) => x[0] === regs[2]!.ticketCode)![3], `'@SUM(1)`);
  assert.equal(body.find((x) => x[0] === regs[2]!.ticketCode)![4], `'-2+3`);
  for (const row of body) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `unescaped cell ${cell}`);

  // Tab and carriage return lead a formula too, even though the api trims them from names.
  assert.equal(escapeCell('\t=1+1'), "'\t=1+1");
  assert.equal(escapeCell('\r=1+1'), "'\r=1+1");
  assert.equal(escapeCell('上海'), '上海');
});

test('CSV export: question labels in the header row are escaped too', async () => {
  // Labels are typed by any organizer; the file is opened by other organizers and admins.
  const event = await publishedEvent(api, org.token, {
    title: '带问题的路演',
    registration: {
      capacity: 5,
      questions: [
        { id: 'link', label: '=HYPERLINK("http://evil.example","查看")' },
        { id: 'sum', label: '@SUM(A1:A9)' },
      ],
    },
  });
  const u = await makeUser(api);
  assert.equal((await signUp(api, event.id, u.token)).status, 201);
  const res = await fetch(`${api.url}/api/v1/events/${event.id}/registrations/export.csv`, {
    headers: { authorization: `Bearer ${org.token}` },
  });
  assert.equal(res.status, 200);
  const rows = parseCsv(
    Buffer.from(await res.arrayBuffer())
      .subarray(3)
      .toString('utf8'),
  );
  assert.equal(rows[0]![6], `'=HYPERLINK("http://evil.example","查看")`);
  assert.equal(rows[0]![7], `'@SUM(A1:A9)`);
  for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `unescaped cell ${cell}`);
});

// --- masking (invariant 6) -------------------------------------------------------------------

const FULL_PHONES = REGISTRANTS.map((r) => r.phone);
const masked = (p: string) => `${p.slice(0, 3)}****${p.slice(-4)}`;

test('organizer views show phones masked like 138****5678 and never the full number', async () => {
  const list = await call(api.url, 'GET', `/api/v1/events/${eventId}/registrations`, { token: org.token });
  assert.equal(list.status, 200, list.text);
  assert.equal(list.body.items.length, REGISTRANTS.length);
  const zhang = list.body.items.find((i: { id: string }) => i.id === regs[0]!.id);
  assert.equal(zhang.phone, '138****5678');
  for (const item of list.body.items) assert.match(item.phone, /^1\d{2}\*{4}\d{4}$/);
  assert.deepEqual(list.body.items.map((i: { phone: string }) => i.phone).sort(), FULL_PHONES.map(masked).sort());

  const checkin = await call(api.url, 'POST', `/api/v1/events/${eventId}/checkin`, {
    token: org.token,
    body: { ticketCode: regs[3]!.ticketCode },
  });
  assert.equal(checkin.status, 200, checkin.text);
  assert.equal(checkin.body.registration.phone, masked(REGISTRANTS[3]!.phone));

  const audit = await call(api.url, 'GET', '/api/v1/audit?pageSize=100', { token: admin.token });
  assert.equal(audit.status, 200);
  for (const r of [list, checkin, audit]) {
    for (const p of FULL_PHONES) assert.ok(!r.text.includes(p), `full phone ${p} in ${r.text.slice(0, 200)}`);
  }
});

test('the registrant’s own views show their full number', async () => {
  const mine = await call(api.url, 'GET', '/api/v1/me/registrations', { token: regs[0]!.token });
  assert.equal(mine.status, 200);
  assert.equal(mine.body.items.length, 1);
  assert.equal(mine.body.items[0].phone, '13812345678');
  assert.ok(!mine.text.includes(REGISTRANTS[1]!.phone), 'and nobody else’s');
  // A fresh sign-up echoes the number back to its owner.
  const u = await makeUser(api);
  const fresh = await signUp(api, eventId, u.token, { phone: '17755556666', answers: { project: '智能制造' } });
  assert.equal(fresh.status, 201, fresh.text);
  assert.equal(fresh.body.phone, '17755556666');
  const cancelled = await call(api.url, 'POST', `/api/v1/events/${eventId}/registrations/${fresh.body.id}/cancel`, {
    token: u.token,
  });
  assert.equal(cancelled.body.phone, '17755556666');
});

// --- calendar and OpenAPI --------------------------------------------------------------------

test('calendar.ics is text/calendar with the event, and only for published events', async () => {
  const r = await call(api.url, 'GET', `/api/v1/events/${eventId}/calendar.ics`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/calendar/);
  const text = r.text.replace(/\r?\n[ \t]/g, ''); // unfold long lines
  assert.match(text, /^BEGIN:VCALENDAR/);
  assert.match(text, /BEGIN:VEVENT/);
  assert.match(text, /END:VEVENT/);
  assert.ok(text.includes(`SUMMARY:${eventTitle}`), text);
  const compact = eventStartsAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  assert.ok(text.includes(`DTSTART:${compact}`), `DTSTART ${compact} in ${text}`);
  for (const p of FULL_PHONES) assert.ok(!text.includes(p));

  const draft = await call(api.url, 'POST', '/api/v1/events', {
    token: org.token,
    body: {
      title: '未发布的活动',
      kind: 'training',
      startsAt: new Date(Date.now() + 86400_000).toISOString(),
      registration: { capacity: 5 },
    },
  });
  assert.equal(draft.status, 201);
  assert.equal((await call(api.url, 'GET', `/api/v1/events/${draft.body.id}/calendar.ics`)).status, 404);
});

test('openapi.json is OpenAPI 3, documents every route, and secures every non-public one', async () => {
  const r = await call(api.url, 'GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  const doc = r.body;
  assert.match(doc.openapi, /^3\./);
  const schemes = doc.components?.securitySchemes ?? {};
  assert.ok(Object.keys(schemes).length > 0, 'declares security schemes');
  const routes = allRoutes();
  const documented = new Set<string>();
  for (const route of routes) {
    const path = '/api/v1' + route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const op = doc.paths?.[path]?.[route.method];
    assert.ok(op, `${route.method.toUpperCase()} ${path} missing from openapi.json`);
    documented.add(`${route.method} ${path}`);
    for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
      assert.ok(
        (op.parameters ?? []).some((p: { in: string; name: string }) => p.in === 'path' && p.name === name),
        `${path}: path parameter ${name} documented`,
      );
    }
    if (route.access !== 'public') {
      assert.ok(
        Array.isArray(op.security) && op.security.length > 0,
        `${route.method} ${path} (${route.access}) has no security`,
      );
      for (const req of op.security) for (const name of Object.keys(req)) assert.ok(schemes[name], `unknown scheme ${name}`);
    } else {
      assert.ok(!op.security || op.security.length === 0, `${route.method} ${path} is public but marked secured`);
    }
  }
  const extra = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m} ${p}`)
      .filter((k) => !documented.has(k)),
  );
  assert.deepEqual(extra, [], 'no documented operation without a route');
});

// --- logs (invariant 6) ----------------------------------------------------------------------

test('logs never contain phone numbers or other personal data', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logged = await startTestApi(uniqueDbName('logs'), { env: { LOG_LEVEL: 'trace' }, logStream: sink });
  try {
    const o = await makeUser(logged, ['organizer']);
    const event = await publishedEvent(logged, o.token, { title: '日志检查活动' });
    const person = { name: '欧阳日志', org: '日志隐私研究院', phone: '13598765432' };
    const u = await makeUser(logged);
    const reg = await signUp(logged, event.id, u.token, person);
    assert.equal(reg.status, 201, reg.text);
    const again = await signUp(logged, event.id, u.token, person);
    assert.equal(again.status, 409);
    // Refused input that carries personal data: bad phone, malformed and oversized bodies, query strings.
    const other = await makeUser(logged);
    assert.equal((await signUp(logged, event.id, other.token, { ...person, phone: '12598765432' })).status, 400);
    const malformed = await call(logged.url, 'POST', `/api/v1/events/${event.id}/registrations`, {
      token: other.token,
      raw: `{"name":"${person.name}","phone":"${person.phone}",`,
    });
    assert.equal(malformed.status, 400);
    const huge = await call(logged.url, 'POST', `/api/v1/events/${event.id}/registrations`, {
      token: other.token,
      body: { ...person, answers: { x: person.phone.repeat(30_000) } },
    });
    assert.equal(huge.status, 413);
    await call(logged.url, 'GET', `/api/v1/events?q=${person.phone}`);
    await call(logged.url, 'GET', `/api/v1/events/${event.id}/registrations?status=${person.phone}`, { token: o.token });
    await call(logged.url, 'POST', '/api/v1/auth/login', { body: { username: person.phone, password: 'secret-password-1' } });
    // Organizer views of the same data.
    assert.equal((await call(logged.url, 'GET', `/api/v1/events/${event.id}/registrations`, { token: o.token })).status, 200);
    assert.equal(
      (await call(logged.url, 'GET', `/api/v1/events/${event.id}/registrations/export.csv`, { token: o.token })).status,
      200,
    );
    const check = await call(logged.url, 'POST', `/api/v1/events/${event.id}/checkin`, {
      token: o.token,
      body: { ticketCode: reg.body.ticketCode },
    });
    assert.equal(check.status, 200);

    const text = lines.join('\n');
    // The capture works: the requests above were logged.
    assert.ok(
      lines.some((l) => l.includes('"msg":"request"') && l.includes(`/api/v1/events/${event.id}/registrations`)),
      `request lines were captured (${lines.length} lines)`,
    );
    for (const secret of [
      person.phone,
      '12598765432',
      person.name,
      person.org,
      'secret-password-1',
      u.token,
      o.token,
      reg.body.ticketCode,
    ]) {
      assert.ok(!text.includes(secret), `"${secret}" appears in the logs`);
    }
    assert.doesNotMatch(text, /(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/, 'no mainland mobile number in the logs');
  } finally {
    await logged.stop();
  }
});
