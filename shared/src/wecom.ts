/**
 * WeCom (企业微信) group robots: reading the webhook URL an organizer pastes, masking its key, and turning the
 * plain push text (render.ts) into the robot's markdown. Pure: the api sends, this only shapes.
 */

/** The only webhook address WeCom hands out: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<uuid>. */
const WEBHOOK =
  /^https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** What an organizer is told when the pasted address is not a robot webhook. */
export const WECOM_URL_MESSAGE =
  '请粘贴企业微信群机器人的 Webhook 地址（形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx）';

/** The robot's key from a pasted webhook URL (lower-cased), or null when it is not one. */
export function parseWecomWebhook(url: string): string | null {
  const m = WEBHOOK.exec(url.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** The key as organizers see it once saved: its first and last four characters, `693a****7b2c`. */
export function maskWecomKey(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 4)}****${key.slice(-4)}`;
}

/** WeCom refuses markdown over 4,096 bytes (UTF-8). */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
const TAIL = '\n…（内容较长，请在小程序查看全文）';

const bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * WeCom's markdown has no escape character: the few characters it would read as markup (bold, a quote, a
 * <font> tag) become their full-width forms, which read the same to a person.
 */
const escape = (s: string) => s.replace(/[*<>]/g, (c) => ({ '*': '＊', '<': '＜', '>': '＞' })[c]!);

/**
 * The robot's markdown for one push message or digest as renderPush / renderDigest wrote it: the first line
 * (【tag】title) in bold, the 推荐理由 line as a quote, 详情 links (and bare links in digests) as tappable
 * links, the rest as plain lines. Read from the text's line shapes (render.ts owns them) so every kind of
 * message, including ones added later, reaches a robot in the same words as a WeChat room. Cut at WeCom's
 * byte limit, whole lines only, saying so.
 */
export function toWecomMarkdown(text: string): string {
  const lines = text.split('\n').map((line, i) => {
    if (i === 0) return `**${escape(line)}**`;
    const reason = /^推荐理由：(.*)$/.exec(line);
    if (reason) return `> 推荐理由：<font color="info">${escape(reason[1]!)}</font>`;
    const detail = /^详情：(https?:\/\/\S+)$/.exec(line);
    if (detail) return `[查看详情](${detail[1]})`;
    if (/^https?:\/\/\S+$/.test(line)) return `[查看详情](${line})`;
    return escape(line);
  });
  let out = lines.join('\n');
  if (bytes(out) <= WECOM_MARKDOWN_MAX_BYTES) return out;
  while (lines.length > 1 && bytes(lines.join('\n') + TAIL) > WECOM_MARKDOWN_MAX_BYTES) lines.pop();
  out = lines.join('\n') + TAIL;
  return out;
}
