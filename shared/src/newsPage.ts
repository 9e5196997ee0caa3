/**
 * Cuts a newspaper page into its news items so each can be tagged on its own (seed 002 mixes a
 * Shanghai story with items from other provinces).
 */
import { regionByAbbr, regionMatches } from './taxonomy.js';
import { regionsMentioned } from './tagging.js';

/** One news item cut out of a newspaper page. */
export interface NewsItem {
  title: string;
  body: string;
}

interface Draft {
  title: string | null;
  paras: string[];
  signoff: string | null;
  started: boolean;
}

const HEADING = /^#{1,6}\s*(.+)$/;
const DATELINE =
  /^(本报讯|本报记者|本报通讯员|本报\S{1,8}电|据\S{1,24}报道|【[^】]{1,30}】|新华社\S{0,16}电|\S{2,8}\d{1,2}月\d{1,2}日电)/;
const SIGNOFF = /^[(（]\s*([^()（）]{1,12}?)\s*[)）]$/;
const CAPTION = /^(图为|图：|图:|上图|下图)/;

function kindOf(line: string, next = ''): 'heading' | 'dateline' | 'signoff' | 'caption' | 'text' {
  if (HEADING.test(line)) return 'heading';
  if (SIGNOFF.test(line)) return 'signoff';
  if (DATELINE.test(line)) return 'dateline';
  if (CAPTION.test(line)) return 'caption';
  // Plain-text pages have no '#': a short unpunctuated line right before a dateline is a headline.
  return line.length <= 40 && !/[，,。：:；;]/.test(line) && DATELINE.test(next) ? 'heading' : 'text';
}

/** The region a sign-off such as (桂文) names by its one-character abbreviation. */
const signoffRegion = (signoff: string | null) => {
  const abbr = /^[(（]\s*(\S)文\s*[)）]$/.exec(signoff ?? '')?.[1];
  return abbr ? regionByAbbr(abbr)?.code : undefined;
};
const names = (text: string, codes: string[]) => regionsMentioned(text).some((r) => codes.some((c) => regionMatches(r, c)));

// A heading opens an item when the current one is signed off or untitled, when a dateline follows, or
// when nothing is open; otherwise it is a subhead. A sign-off such as (津文) closes an item, and text or a
// dateline after a closed (or already started) item opens a new, untitled one.
function draftItems(lines: string[]): Draft[] {
  const drafts: Draft[] = [];
  lines.forEach((line, i) => {
    const kind = kindOf(line, lines[i + 1]);
    const cur = drafts[drafts.length - 1];
    if (kind === 'signoff') {
      if (cur) cur.signoff = line;
      return;
    }
    const opens =
      !cur ||
      cur.signoff !== null ||
      (kind === 'heading'
        ? cur.title === null || kindOf(lines[i + 1] ?? '', lines[i + 2]) === 'dateline'
        : kind === 'dateline' && cur.started);
    const item: Draft = opens || !cur ? { title: null, paras: [], signoff: null, started: false } : cur;
    if (item !== cur) drafts.push(item);
    if (kind === 'heading' && opens) {
      item.title = (HEADING.exec(line)?.[1] ?? line).trim();
      return;
    }
    item.paras.push(kind === 'heading' ? (HEADING.exec(line)?.[1] ?? line).trim() : line);
    item.started ||= kind === 'text' || kind === 'dateline';
  });
  return drafts;
}

// Page extraction interleaves columns: in seed 002 the Guangxi story sits inside the Shanghai one, signed
// (桂文). When the sign-off names a region the headline does not, the tail starting at the first paragraph
// that names the sign-off's region, after the last paragraph naming the headline's region, is cut off.
function splitForeignTail(d: Draft): Draft[] {
  const signed = signoffRegion(d.signoff);
  const own = regionsMentioned(d.title ?? '');
  if (!signed || own.length === 0 || names(d.title ?? '', [signed])) return [d];
  let start = d.paras.length;
  while (start > 0 && !names(d.paras[start - 1] ?? '', own)) start -= 1;
  const cut = d.paras.findIndex((p, i) => i >= start && names(p, [signed]));
  if (start === 0 || cut < 0) return [d];
  const tail: Draft = { title: null, paras: d.paras.slice(cut), signoff: d.signoff, started: true };
  return [{ ...d, paras: d.paras.slice(0, cut), signoff: null }, tail];
}

// A headline printed after its story: it names the region of the untitled item just before it (by that
// item's sign-off), and its own body never names that region. Move it back to its story.
function reattachHeadlines(drafts: Draft[]): void {
  drafts.forEach((d, i) => {
    const prev = drafts[i - 1];
    const signed = signoffRegion(prev?.signoff ?? null);
    if (!prev || prev.title !== null || d.title === null || !signed || !names(d.title, [signed])) return;
    if (d.paras.some((p) => names(p, regionsMentioned(d.title ?? '')))) return;
    [prev.title, d.title] = [d.title, null];
  });
}

function firstSentence(paras: string[]): string {
  const first = (paras.find((p) => !CAPTION.test(p)) ?? '').replace(DATELINE, '').trim();
  const sentence = first.split(/[。！？；!?;]/)[0] ?? '';
  return sentence.length > 30 ? `${sentence.slice(0, 30)}…` : sentence;
}

/**
 * Splits a newspaper page into news items so each can be tagged on its own. Items are delimited by
 * headlines ('#' lines, or a short line before a dateline), datelines (本报讯, 据…报道, 【…】) and sign-offs
 * such as (津文). Interleaved columns are repaired (splitForeignTail, reattachHeadlines); a block the page
 * repeats verbatim is kept once, preferring the copy under a headline. Untitled items get their first
 * sentence as title.
 */
export function splitNewsPage(text: string): NewsItem[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const drafts = draftItems(lines).flatMap(splitForeignTail);
  reattachHeadlines(drafts);
  const key = (d: Draft) => d.paras.join('\n');
  return drafts
    .filter((d) => {
      const twins = drafts.filter((o) => key(o) === key(d));
      return d.paras.length > 0 && (twins.find((o) => o.title !== null) ?? twins[0]) === d;
    })
    .map((d) => ({ title: d.title ?? firstSentence(d.paras), body: d.paras.join('\n\n') }));
}
