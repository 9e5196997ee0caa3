/**
 * "Did you mean": the known names nearest to a word people typed (上梅 → 上海, 概念验正 → 概念验证),
 * by edit distance over the taxonomy's names, so an error can name the fix.
 */
import { AUDIENCES, REGIONS, TOPICS } from '../taxonomy.js';

/** Levenshtein distance over code points (a Chinese character counts as one). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length]!;
}

/** Every region name and alias, each shown as the region's short name. */
const regionWords = () => REGIONS.flatMap((r) => [r.name, ...r.aliases].map((w) => ({ word: w, shown: r.name })));
const termWords = () =>
  [...TOPICS, ...AUDIENCES].flatMap((t) => [t.label, ...t.synonyms].map((w) => ({ word: w, shown: t.label })));

/** Up to `limit` shown names whose words are within a small distance of `typed` (one edit per three characters). */
function nearest(typed: string, words: { word: string; shown: string }[], limit: number): string[] {
  const t = typed.trim().toLowerCase();
  const allowed = Math.max(1, Math.floor([...t].length / 3));
  const scored = words
    .map(({ word, shown }) => ({ shown, d: editDistance(t, word.toLowerCase()) }))
    .filter(({ d }) => d <= allowed)
    .sort((a, b) => a.d - b.d);
  return [...new Set(scored.map((s) => s.shown))].slice(0, limit);
}

/** Region names close to `typed`, nearest first. */
export const nearestRegions = (typed: string, limit = 3) => nearest(typed, regionWords(), limit);
/** Topic and audience labels close to `typed`, nearest first. */
export const nearestTerms = (typed: string, limit = 3) => nearest(typed, termWords(), limit);
