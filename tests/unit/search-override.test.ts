import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// src/components/overrides/Search.astro is a copy of Starlight's search component. Its header names the file it
// was copied from and Starlight's version; each course change runs from `// course: <why>` to `// course: end`,
// and keeps the upstream lines it replaced as `// upstream: <line>` at their own indentation.
const OVERRIDE_PATH = 'src/components/overrides/Search.astro';
const override = readFileSync(new URL(`../../${OVERRIDE_PATH}`, import.meta.url), 'utf8');

const header = /\/\/ Copied from ([^\s,]+), Starlight (\S+)$/m.exec(override);
if (!header)
  throw new Error(`${OVERRIDE_PATH}: no "// Copied from <specifier>, Starlight <version>" line in the header`);
const specifier = header[1]!;
const headerVersion = header[2]!;

const upstreamPath = createRequire(import.meta.url).resolve(specifier);
const upstream = readFileSync(upstreamPath, 'utf8');

function installedStarlightVersion(): string {
  for (let dir = dirname(upstreamPath); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@astrojs/starlight' && pkg.version) return pkg.version;
    } catch {
      // no package.json at this level: keep walking up
    }
  }
  throw new Error(`no @astrojs/starlight package.json above ${upstreamPath}`);
}

/** The upstream file as the override says it was: course blocks out, their `// upstream:` lines back in. */
function withoutCourseChanges(source: string): string {
  const kept: string[] = [];
  let openedAt = 0; // line number of the open `// course:` block, 0 when none is open
  source.split('\n').forEach((line, i) => {
    const at = `${OVERRIDE_PATH}:${i + 1}`;
    const upstreamLine = /^(\s*)\/\/ upstream:(?: (.*))?$/.exec(line);
    if (line.trim() === '// course: end') {
      if (!openedAt) throw new Error(`${at}: "// course: end" without a "// course:" line before it`);
      openedAt = 0;
    } else if (line.trim().startsWith('// course:')) {
      if (openedAt) throw new Error(`${at}: a "// course:" block opens inside the one from line ${openedAt}`);
      openedAt = i + 1;
    } else if (upstreamLine) {
      if (!openedAt) throw new Error(`${at}: "// upstream:" outside a "// course:" block`);
      kept.push(upstreamLine[1]! + (upstreamLine[2] ?? ''));
    } else if (!openedAt) kept.push(line);
  });
  if (openedAt) throw new Error(`${OVERRIDE_PATH}:${openedAt}: "// course:" block never ends with "// course: end"`);
  return kept.join('\n');
}

describe(`the course's copy of Starlight's Search.astro (${OVERRIDE_PATH})`, () => {
  it('names in its header the Starlight version that is installed (after an upgrade: merge upstream changes, then bump it)', () => {
    expect(
      headerVersion,
      `${OVERRIDE_PATH} says Starlight ${headerVersion}; ${installedStarlightVersion()} is installed`,
    ).toBe(installedStarlightVersion());
  });

  it(`is the installed Starlight's file line for line once its marked course changes are taken out`, () => {
    expect(withoutCourseChanges(override), `${OVERRIDE_PATH} minus its course changes vs ${upstreamPath}`).toBe(
      upstream,
    );
  });

  it('loads Pagefind only on intent: none of the course code waits for page idle', () => {
    const code = override.split('\n').filter((line) => !line.trim().startsWith('//'));
    expect(code.filter((line) => /requestIdleCallback|DOMContentLoaded/.test(line))).toEqual([]);
    expect(code.filter((line) => line.includes("import('@pagefind/default-ui')"))).toHaveLength(1);
  });
});
