/**
 * Lighthouse on every lesson page of the served build: its default config, the mobile preset with simulated
 * throttling (a mid-range phone on slow 4G), performance only. Each page is measured up to `runs` times on a
 * fresh headless Chromium and the median run (by performance score) is reported, since one run on a shared
 * machine is noisy.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { TRACKS } from '../src/content/tracks.ts';
import { CHROMIUM, CHROMIUM_BASE_ARGS } from './lib/chromium.ts';

export interface LighthousePage {
  /** Lighthouse's performance score, 0–100. */
  performance: number;
  tbtMs: number;
  lcpMs: number;
  cls: number;
  domElements: number;
  /** The main thread's busiest categories (style and layout, script evaluation, …), ms. */
  mainThread: Record<string, number>;
  /** Every run's score, so the spread is visible next to the median. */
  runs: number[];
}

export interface LighthouseResults {
  preset: string;
  runsPerPage: number;
  pages: Record<string, LighthousePage>;
  minPerformance: number;
  maxTbtMs: number;
}

/** Every lesson page, as its URL path: a lesson is `src/content/docs/<track>/<id>.mdx`, served at `/<track>/<id>/`. */
export function lessonPaths(root = process.cwd()): string[] {
  return Object.keys(TRACKS).flatMap((track) =>
    readdirSync(join(root, 'src/content/docs', track))
      .filter((f) => /\.mdx?$/.test(f))
      .map((f) => `/${track}/${f.replace(/\.mdx?$/, '')}/`)
      .sort(),
  );
}

const MAIN_THREAD_TOP = 4;

/** The "Total elements" row of Lighthouse 13's DOM-size insight (it replaced the `dom-size` audit). */
function totalElements(details: unknown): number | undefined {
  const items = (details as { items?: Array<{ statistic?: string; value?: { value?: number } }> } | undefined)?.items;
  return items?.find((i) => i.statistic === 'Total elements')?.value?.value;
}

async function measureOnce(url: string): Promise<Omit<LighthousePage, 'runs'>> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [...CHROMIUM_BASE_ARGS, '--headless=new'],
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, logLevel: 'error', onlyCategories: ['performance'] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { audits, categories, runtimeError } = result.lhr;
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
    };
  } finally {
    chrome.kill();
  }
}

/** Measures each of `paths` under `siteUrl`; `log` hears about each run as it finishes. */
export async function measureLighthouse(
  siteUrl: string,
  paths: string[],
  runs = 3,
  log: (line: string) => void = () => {},
): Promise<LighthouseResults> {
  if (!CHROMIUM) throw new Error('Lighthouse needs Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  const pages: Record<string, LighthousePage> = {};
  for (const path of paths) {
    const all: Array<Omit<LighthousePage, 'runs'>> = [];
    for (let i = 0; i < runs; i++) {
      all.push(await measureOnce(`${siteUrl}${path}`));
      log(`lighthouse ${path} run ${i + 1}/${runs}: ${all.at(-1)!.performance} (TBT ${all.at(-1)!.tbtMs} ms)`);
    }
    const sorted = [...all].sort((a, b) => a.performance - b.performance);
    pages[path] = { ...sorted[Math.floor((sorted.length - 1) / 2)]!, runs: all.map((r) => r.performance) };
  }
  const scores = Object.values(pages);
  return {
    preset: 'mobile (Lighthouse default: simulated slow 4G, 4× CPU slowdown)',
    runsPerPage: runs,
    pages,
    minPerformance: Math.min(...scores.map((p) => p.performance)),
    maxTbtMs: Math.max(...scores.map((p) => p.tbtMs)),
  };
}

/** The results as a Markdown section for latest.md. */
export function lighthouseMarkdown(results: LighthouseResults): string[] {
  return [
    `## Lighthouse, ${results.preset}; median of ${results.runsPerPage} runs per page`,
    '',
    `Lowest performance ${results.minPerformance}, highest total blocking time ${results.maxTbtMs} ms.`,
    '',
    '| Page | performance (runs) | TBT ms | LCP ms | CLS | DOM elements | main thread, ms |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...Object.entries(results.pages).map(
      ([path, p]) =>
        `| ${path} | ${p.performance} (${p.runs.join(', ')}) | ${p.tbtMs} | ${p.lcpMs} | ${p.cls} | ${p.domElements} | ${Object.entries(
          p.mainThread,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join('; ')} |`,
    ),
    '',
  ];
}

/**
 * For `--only=lighthouse`: puts `results` into an earlier run's latest.json and latest.md (replacing their
 * Lighthouse parts, keeping the rest), or starts them if there is none.
 */
export function mergeIntoLatest(results: LighthouseResults, dir = 'bench/results'): string {
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
