/**
 * Proposes facets (regions, topics, audiences) for a policy from its title and body by the taxonomy's
 * dictionary. An organizer confirms the facets before publishing,
 * so the rules favour precision: a word that merely occurs is not enough.
 */
import {
  AUDIENCES,
  NATIONAL,
  REGIONS,
  REGION_GROUPS,
  TOPICS,
  audienceLabel,
  regionAncestors,
  regionGroupMembers,
  regionName,
  topicLabel,
} from './taxonomy.js';

/** One proposed facet value and the words that triggered it (deduplicated, in order seen). */
export interface Facet {
  id: string;
  label: string;
  hits: string[];
}

/** Facets proposed for one policy, each list strongest first. */
export interface PolicyTags {
  regions: Facet[];
  topics: Facet[];
  audiences: Facet[];
}

// id null marks a stop phrase: a longer phrase that contains a synonym but means something else (作价投资
// is a transfer method, not an investor; 全国人大 is a body, not a national scope). Longest match wins, so
// the stop phrase swallows the synonym inside it.
type Dictionary = Map<string, { word: string; id: string | null }[]>;
interface Mention {
  id: string;
  word: string;
  at: number;
}

// ASCII-only lowercasing keeps offsets identical, so hits can be sliced out of the original text.
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const isAsciiWord = (c: string | undefined) => c !== undefined && /[a-z0-9]/i.test(c);

function dictionary(terms: readonly { id: string; synonyms: readonly string[] }[], stops: string[] = []): Dictionary {
  const dict: Dictionary = new Map();
  const entries = [
    ...terms.flatMap((t) => t.synonyms.map((w) => ({ word: w, id: t.id as string | null }))),
    ...stops.map((word) => ({ word, id: null })),
  ];
  for (const { word, id } of entries) {
    const key = foldAscii(word).charAt(0);
    dict.set(key, [...(dict.get(key) ?? []), { word: foldAscii(word), id }]);
  }
  for (const list of dict.values()) list.sort((a, b) => b.word.length - a.word.length);
  return dict;
}

// A grouping (长三角) is scanned under the id `group:<id>` and counted for each member region (score()).
const GROUP_PREFIX = 'group:';
const REGION_DICT = dictionary(
  [
    ...REGIONS.map((r) => ({ id: r.code, synonyms: r.aliases })),
    ...REGION_GROUPS.map((g) => ({ id: `${GROUP_PREFIX}${g.id}`, synonyms: g.aliases })),
  ],
  ['全国人大', '全国政协'],
);
/** The region codes a scanned id stands for: itself, or a grouping's members. */
const regionIds = (id: string) => (id.startsWith(GROUP_PREFIX) ? regionGroupMembers(id.slice(GROUP_PREFIX.length)) : [id]);
const TOPIC_DICT = dictionary(TOPICS, ['许可证']);
const AUDIENCE_DICT = dictionary(AUDIENCES, ['作价投资', '对外投资', '投资亏损']);

/** Leftmost-longest scan; an ASCII synonym must stand alone (AI is not in MAIL). */
function scan(dict: Dictionary, text: string): Mention[] {
  const folded = foldAscii(text);
  const found: Mention[] = [];
  for (let i = 0; i < folded.length;) {
    const entry = dict
      .get(folded.charAt(i))
      ?.find(
        ({ word }) =>
          folded.startsWith(word, i) &&
          (!isAsciiWord(word[0]) || (!isAsciiWord(folded[i - 1]) && !isAsciiWord(folded[i + word.length]))),
      );
    if (entry?.id) found.push({ id: entry.id, word: text.slice(i, i + entry.word.length), at: i });
    i += entry ? entry.word.length : 1;
  }
  return found;
}

/** Region codes named in a text (全国 excluded), in order of first mention. */
export function regionsMentioned(text: string): string[] {
  return [...new Set(scan(REGION_DICT, text).flatMap((m) => regionIds(m.id)))].filter((c) => c !== NATIONAL);
}

interface Scored {
  id: string;
  score: number;
  hits: string[];
  /** Named in the title, the issuer, the opening or the sign-off: where a text says what it is about. */
  prominent: boolean;
}

/** What else is known about the text besides title and body. */
export interface TagContext {
  /** 发文机关, e.g. 成都市科学技术局: where it sits says where the policy applies. */
  issuer?: string;
}

const OPENING_CHARS = 200;
const SIGNOFF_LINES = 3;
const SIGNOFF_MAX_CHARS = 40;

/** Offset where the body's sign-off starts: its last few short lines (issuer, date), as notices end. */
function signoffStart(body: string): number {
  const lines = body.trimEnd().split(/\n/);
  let start = body.trimEnd().length;
  for (let i = lines.length - 1, taken = 0; i >= 1 && taken < SIGNOFF_LINES; i -= 1) {
    const line = lines[i] ?? '';
    if (line.trim().length > SIGNOFF_MAX_CHARS || /[。；;]$/.test(line.trim())) break;
    start -= line.length + 1;
    if (line.trim()) taken += 1;
  }
  return start;
}

// Weights: a title or issuer word 3, a word in the body's first 200 characters (lead, dateline) or in its
// sign-off 2, any later word 1. The score estimates how much the item is *about* a value rather than
// whether the word occurs at all. A grouping's mention counts for each of its members (expand).
function score(
  dict: Dictionary,
  title: string,
  body: string,
  ctx: TagContext = {},
  expand: (id: string) => readonly string[] = (id) => [id],
): Scored[] {
  const byId = new Map<string, Scored>();
  const add = (m: Mention, weight: number) => {
    for (const id of expand(m.id)) {
      const s = byId.get(id) ?? { id, score: 0, hits: [], prominent: false };
      s.score += weight;
      s.prominent ||= weight >= 2;
      if (!s.hits.includes(m.word)) s.hits.push(m.word);
      byId.set(id, s);
    }
  };
  scan(dict, title).forEach((m) => add(m, 3));
  scan(dict, ctx.issuer ?? '').forEach((m) => add(m, 3));
  const openingEnd = Math.max(0, body.search(/\S/)) + OPENING_CHARS;
  const signoff = signoffStart(body);
  scan(dict, body).forEach((m) => add(m, m.at < openingEnd || m.at >= signoff ? 2 : 1));
  return [...byId.values()].sort((a, b) => b.score - a.score);
}

/**
 * Region rule: a region needs a score of at least 3 (a title or issuer mention; an opening mention plus one
 * more; or three mentions anywhere), or 2 from a prominent place (named once in the opening lines or the
 * sign-off, so a generic title does not lose the region the body names), AND at least a quarter of the best
 * region's score. A Shanghai document citing 北京 once deep in the body (or a footer address) is therefore
 * not tagged 北京. 全国 is kept only when no province or city qualifies, because provincial texts keep
 * saying 全国第一 / 在全国率先. Of a province and its own city both qualifying, the city stays unless the
 * province scores at least twice as much: 成都市 in a 四川省 notice's lead makes it a Chengdu policy, while
 * a province-wide plan naming a city as an example stays province-wide; a province adds nothing to a
 * city's matching anyway, which rolls up.
 */
function pickRegions(scored: Scored[]): Scored[] {
  const top = scored[0]?.score ?? 0;
  let picked = scored.filter((s) => (s.score >= 3 || (s.score >= 2 && s.prominent)) && s.score >= top / 4);
  if (picked.some((s) => s.id !== NATIONAL)) picked = picked.filter((s) => s.id !== NATIONAL);
  const beats = (a: Scored, b: Scored) =>
    (regionAncestors(b.id).includes(a.id) && a.score >= 2 * b.score) ||
    (regionAncestors(a.id).includes(b.id) && a.score * 2 > b.score);
  return picked.filter((r) => !picked.some((other) => beats(other, r)));
}

const facet =
  (label: (id: string) => string) =>
  (s: Scored): Facet => ({ id: s.id, label: label(s.id), hits: s.hits });

/**
 * Proposes regions (see pickRegions), and topics and audiences that score at least 2, from the title, the
 * body and (when known) the issuer. Hits are the words as written, so a screen can highlight them.
 */
export function tagPolicy(title: string, body: string, ctx: TagContext = {}): PolicyTags {
  const terms = (dict: Dictionary) => score(dict, title, body, ctx).filter((s) => s.score >= 2);
  return {
    regions: pickRegions(score(REGION_DICT, title, body, ctx, regionIds)).map(facet(regionName)),
    topics: terms(TOPIC_DICT).map(facet(topicLabel)),
    audiences: terms(AUDIENCE_DICT).map(facet(audienceLabel)),
  };
}
