/**
 * Lighthouse on every lesson page of the served build: its default config, performance only, at each of
 * LIGHTHOUSE_PRESETS (the mobile preset with simulated throttling, and the same with a slower CPU). Each page is
 * measured up to `runs` times on a fresh headless Chromium and the median run (by performance score) is reported,
 * since one run on a shared machine is noisy. A failed run is tried once more; a page with no good run is recorded
 * as failed, with the reason.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags } from 'lighthouse';
import { TRACK_IDS } from '../src/content/tracks.ts';
import { CHROMIUM, CHROMIUM_BASE_ARGS } from './lib/chromium.ts';
import { measure } from './lib/measure.ts';

/** What the bench throttles to. Flags merge into Lighthouse's default settings key by key. */
export const LIGHTHOUSE_PRESETS = {
  mobile: {
    title: 'mobile, the default preset (simulated slow 4G, 4× CPU slowdown)',
    flags: {},
  },
  mobileCpu8x: {
    title: 'mobile at 8× CPU slowdown (simulated slow 4G; a slower host or a cheaper phone)',
    flags: { throttling: { cpuSlowdownMultiplier: 8 } },
  },
} satisfies Record<string, { title: string; flags: Flags }>;
export type LighthousePreset = keyof typeof LIGHTHOUSE_PRESETS;

export interface LighthousePage {
  /** Lighthouse's performance score, 0–100. */
  performance: number;
  tbtMs: number;
  lcpMs: number;
  cls: number;
  domElements: number;
  /** The main thread's busiest categories (style and layout, script evaluation, …), ms. */
  mainThread: Record<string, number>;
  /** Every good run's score, so the spread is visible next to the median. */
  runs: number[];
  /** Why runs failed (after their retry), if any did. */
  failedRuns?: string[];
}

export interface LighthouseResults {
  preset: string;
  /** As the runs report it: Lighthouse's own settings, not what was asked for. */
  cpuSlowdownMultiplier: number | null;
  runsPerPage: number;
  pages: Record<string, LighthousePage | { failed: string }>;
  /** Over the pages that were measured; null if none was. */
  minPerformance: number | null;
  maxTbtMs: number | null;
}

export type LighthouseReport = Record<LighthousePreset, LighthouseResults>;

/** Every lesson page, as its URL path: a lesson is `src/content/docs/<track>/<id>.mdx`, served at `/<track>/<id>/`. */
export function lessonPaths(root = process.cwd()): string[] {
  return TRACK_IDS.flatMap((track) =>
    readdirSync(join(root, 'src/content/docs', track))
      .filter((f) => /\.mdx?$/.test(f))
      .map((f) => `/${track}/${f.replace(/\.mdx?$/, '')}/`)
      .sort(),
  );
}

const MAIN_THREAD_TOP = 4;
/** A run takes well under a minute; one that hangs is given up and tried again. */
const RUN_TIMEOUT_MS = 5 * 60_000;

/** The "Total elements" row of Lighthouse 13's DOM-size insight (it replaced the `dom-size` audit). */
function totalElements(details: unknown): number | undefined {
  const items = (details as { items?: Array<{ statistic?: string; value?: { value?: number } }> } | undefined)?.items;
  return items?.find((i) => i.statistic === 'Total elements')?.value?.value;
}

type Run = Omit<LighthousePage, 'runs' | 'failedRuns'> & { cpuSlowdownMultiplier: number };

async function measureOnce(url: string, flags: Flags): Promise<Run> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [...CHROMIUM_BASE_ARGS, '--headless=new'],
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, {
      ...flags,
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { audits, categories, runtimeError, configSettings } = result.lhr;
    if (runtimeError) throw new Error(`Lighthouse on ${url}: ${runtimeError.code} ${runtimeError.message}`);
    const breakdown = (audits['mainthread-work-breakdown']?.details as { items?: Array<Record<string, unknown>> })
      ?.items;
    const mainThread = Object.fromEntries(
      (breakdown ?? [])
        .map((i) => [String(i.groupLabel ?? i.group), Math.round(Number(i.duration))] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, MAIN_THREAD_TOP),
    );
    const value = (id: string) => audits[id]?.numericValue ?? NaN;
    return {
      performance: Math.round((categories.performance?.score ?? 0) * 100),
      tbtMs: Math.round(value('total-blocking-time')),
      lcpMs: Math.round(value('largest-contentful-paint')),
      cls: Number(value('cumulative-layout-shift').toFixed(3)),
      domElements: totalElements(audits['dom-size-insight']?.details) ?? value('dom-size'),
      mainThread,
      cpuSlowdownMultiplier: configSettings.throttling.cpuSlowdownMultiplier,
    };
  } finally {
    chrome.kill();
  }
}

/** Measures each of `paths` under `siteUrl` at every preset; `log` hears about each run as it finishes. */
export async function measureLighthouse(
  siteUrl: string,
  paths: string[],
  runs = 3,
  log: (line: string) => void = () => {},
): Promise<LighthouseReport> {
  if (!CHROMIUM) throw new Error('Lighthouse needs Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  const report = {} as LighthouseReport;
  for (const preset of Object.keys(LIGHTHOUSE_PRESETS) as LighthousePreset[]) {
    const pages: LighthouseResults['pages'] = {};
    let cpuSlowdownMultiplier: number | null = null;
    for (const path of paths) {
      const good: Run[] = [];
      const failedRuns: string[] = [];
      for (let i = 0; i < runs; i++) {
        const name = `lighthouse ${preset} ${path} run ${i + 1}/${runs}`;
        const once = () => measureOnce(`${siteUrl}${path}`, LIGHTHOUSE_PRESETS[preset].flags);
        const run = await measure(name, once, { log, timeoutMs: RUN_TIMEOUT_MS });
        if ('failed' in run) failedRuns.push(run.failed);
        else {
          good.push(run.value);
          log(`${name}: ${run.value.performance} (TBT ${run.value.tbtMs} ms)`);
        }
      }
      if (good.length === 0) {
        pages[path] = { failed: `every run failed, the last: ${failedRuns.at(-1)}` };
        continue;
      }
      const sorted = [...good].sort((a, b) => a.performance - b.performance);
      const { cpuSlowdownMultiplier: cpu, ...median } = sorted[Math.floor((sorted.length - 1) / 2)]!;
      cpuSlowdownMultiplier = cpu;
      pages[path] = { ...median, runs: good.map((r) => r.performance), ...(failedRuns.length ? { failedRuns } : {}) };
    }
    const measured = Object.values(pages).filter((p): p is LighthousePage => !('failed' in p));
    report[preset] = {
      preset: LIGHTHOUSE_PRESETS[preset].title,
      cpuSlowdownMultiplier,
      runsPerPage: runs,
      pages,
      minPerformance: measured.length ? Math.min(...measured.map((p) => p.performance)) : null,
      maxTbtMs: measured.length ? Math.max(...measured.map((p) => p.tbtMs)) : null,
    };
  }
  return report;
}

/** The report as a Markdown section for latest.md: one subsection per preset. */
export function lighthouseMarkdown(report: LighthouseReport): string[] {
  const section = (r: LighthouseResults) => {
    const pages = Object.entries(r.pages);
    const row = (path: string, p: LighthousePage | { failed: string }) => {
      if ('failed' in p) return `| ${path} | failed (${p.failed}) | — | — | — | — | — |`;
      const runs = [...p.runs, ...(p.failedRuns ? [`${p.failedRuns.length} failed`] : [])].join(', ');
      const main = Object.entries(p.mainThread)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ');
      return `| ${path} | ${p.performance} (${runs}) | ${p.tbtMs} | ${p.lcpMs} | ${p.cls} | ${p.domElements} | ${main} |`;
    };
    const failedRuns = pages.flatMap(([path, p]) =>
      'failed' in p ? [] : (p.failedRuns ?? []).map((reason) => `- ${path}, a run that failed twice: ${reason}`),
    );
    return [
      `### ${r.preset}`,
      '',
      `Lowest performance ${r.minPerformance ?? '—'}, highest total blocking time ${r.maxTbtMs ?? '—'} ms; CPU slowdown as Lighthouse ran it ${r.cpuSlowdownMultiplier ?? '—'}×.`,
      '',
      '| Page | performance (runs) | TBT ms | LCP ms | CLS | DOM elements | main thread, ms |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...pages.map(([path, p]) => row(path, p)),
      '',
      ...(failedRuns.length ? [...failedRuns, ''] : []),
    ];
  };
  const all = Object.values(report);
  return [`## Lighthouse, median of ${all[0]?.runsPerPage} runs per page`, '', ...all.flatMap(section)];
}

/**
 * For `--only=lighthouse`: puts `results` into an earlier run's latest.json and latest.md (replacing their
 * Lighthouse parts, keeping the rest), or starts them if there is none.
 */
export function mergeIntoLatest(results: LighthouseReport, dir = 'bench/results'): string {
  const jsonFile = join(dir, 'latest.json');
  const mdFile = join(dir, 'latest.md');
  const json = existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(jsonFile, `${JSON.stringify({ ...json, lighthouse: results }, null, 2)}\n`);
  const md = existsSync(mdFile) ? readFileSync(mdFile, 'utf8') : '# Benchmark\n\n';
  const section = lighthouseMarkdown(results).join('\n');
  const start = md.indexOf('## Lighthouse');
  const next = start < 0 ? -1 : md.indexOf('\n## ', start + 1);
  const merged =
    start < 0
      ? `${md.trimEnd()}\n\n${section}`
      : `${md.slice(0, start)}${section}${next < 0 ? '' : md.slice(next + 1)}`;
  writeFileSync(mdFile, merged);
  return section;
}
