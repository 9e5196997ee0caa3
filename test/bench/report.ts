/**
 * Turns the suite's results into test/bench/results/latest.md: one table per benchmark (figure,
 * value, baseline, ratio, target, met?). New benches put their rows in `figures`; the two whose
 * JSON predates the suite (register, size) are mapped here, so they stay as they are.
 */
import { figure, type Figure } from './support.js';

export interface BenchRun {
  status: 'ok' | 'failed' | 'skipped';
  seconds: number;
  exitCode: number | null;
  /** Why it failed or was skipped. */
  note?: string;
  /** Sizes the suite passed (env). */
  sizes?: Record<string, string>;
}

export interface SuiteResults {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  quick: boolean;
  database: string;
  wallSeconds: number;
  runs: Record<string, BenchRun>;
  benches: Record<string, Record<string, unknown> | null>;
}

type Json = Record<string, unknown>;
const num = (x: unknown) => (typeof x === 'number' ? x : NaN);

/** register.bench.ts: flat figures; targets: ratio ≥ 0.7, app p99 ≤ 2 s, exact counts. */
function registerFigures(j: Json, sizes: Record<string, string> = {}): Figure[] {
  const capacity = Number(sizes.BENCH_CAPACITY ?? 100);
  return [
    figure('sign-ups/s', num(j.app_rps), { baseline: num(j.raw_ops), onRatio: { '>=': 0.7 } }),
    figure('p50 latency, ms', num(j.app_p50_ms), { baseline: num(j.raw_p50_ms) }),
    figure('p99 latency, ms', num(j.app_p99_ms), { baseline: num(j.raw_p99_ms), onValue: { '<=': 2000 } }),
    figure('seats held, each storm (= capacity)', num(j.seats_held), { onValue: { '=': capacity } }),
    figure('confirmed, each storm (= capacity, never more)', num(j.confirmed), { onValue: { '=': capacity } }),
    figure('waitlisted, each storm', num(j.waitlisted)),
    figure('errors', num(j.errors), { onValue: { '=': 0 } }),
    // Where the two cores went: the api process vs the loop doing the same database work in the bench process.
    figure('CPU ms per sign-up, api process (baseline: raw loop)', num(j.api_cpu_ms_per_signup), {
      baseline: num(j.raw_cpu_ms_per_signup),
    }),
    figure('CPU ms per sign-up, load generator', num(j.loadgen_cpu_ms_per_signup)),
    // The database server's share, during each side's storm (absent when MONGODB_URI named an outside server).
    ...(j.app_db_cpu_ms_per_signup === undefined
      ? []
      : [
          figure('CPU ms per sign-up, database server (baseline: during the raw loop)', num(j.app_db_cpu_ms_per_signup), {
            baseline: num(j.raw_db_cpu_ms_per_signup),
          }),
        ]),
  ];
}

/** durability.bench.ts: commit per write vs H2's lazy commit, and what survived a SIGKILL. */
function durabilityFigures(j: Json): Figure[] {
  return [
    figure('acknowledged writes/s', num(j.durableWritesPerSec), { baseline: num(j.lazyWritesPerSec) }),
    figure('acknowledged writes lost to SIGKILL', num(j.durableLost), { baseline: num(j.lazyLost), onValue: { '=': 0 } }),
  ];
}

/** scripts/size.ts: every number it reports, with the targets it names. */
function sizeFigures(j: Json): Figure[] {
  const targets: Record<string, number> = {
    weapp_main_kb: 800,
    h5_initial_js_gzip_kb: 80,
    h5_home_gzip_kb: 130,
    h5_event_gzip_kb: 130,
    h5_total_js_gzip_kb: 300,
  };
  return Object.entries(j)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => figure(k, v as number, targets[k] ? { onValue: { '<=': targets[k] } } : {}));
}

export function figuresOf(name: string, json: Json | null, run: BenchRun): Figure[] {
  if (!json) return [];
  if (Array.isArray(json.figures)) return json.figures as Figure[];
  if (name === 'register') return registerFigures(json, run.sizes);
  if (name === 'size') return sizeFigures(json);
  if (name === 'durability') return durabilityFigures(json);
  return [];
}

const cell = (x: unknown) => (x === null || x === undefined ? '—' : String(x).replace(/\|/g, '\\|'));

export function renderMarkdown(r: SuiteResults, descriptions: Record<string, string>): string {
  const out: string[] = [
    `# Benchmarks${r.quick ? ' (quick run)' : ''}`,
    '',
    `${r.date} · ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB · node ${r.machine.node} · ` +
      `${r.database} · suite wall time ${Math.round(r.wallSeconds)} s`,
    '',
    'ratio = value / baseline, both measured in the same run (the machine is shared and noisy: compare ratios, not raw' +
      ' figures, across runs). "met?" is blank where a row has no target.',
  ];
  for (const [name, run] of Object.entries(r.runs)) {
    out.push('', `## ${name}`, '', descriptions[name] ?? '');
    if (run.sizes && Object.keys(run.sizes).length > 0) {
      out.push(
        '',
        `Sizes: ${Object.entries(run.sizes)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}.`,
      );
    }
    if (run.status !== 'ok') {
      out.push('', `**${run.status}**${run.note ? `: ${run.note}` : ''}`);
      if (!r.benches[name]) continue;
    }
    out.push('', `Took ${Math.round(run.seconds)} s.`, '');
    out.push('| figure | value | baseline | ratio | target | met? |', '| --- | ---: | ---: | ---: | --- | :---: |');
    for (const f of figuresOf(name, r.benches[name] ?? null, run)) {
      const met = f.met === null ? '' : f.met ? 'yes' : '**no**';
      out.push(`| ${cell(f.figure)} | ${cell(f.value)} | ${cell(f.baseline)} | ${cell(f.ratio)} | ${cell(f.target)} | ${met} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
