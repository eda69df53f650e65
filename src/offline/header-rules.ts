/**
 * Response headers by path, in the shape `_headers` files hold (Netlify, Cloudflare Pages): the file's text both
 * ways, and which headers a path gets. Pure, so that the build (integrations/security-policy.ts writes the rules),
 * the test server (scripts/lib/chromium.ts) and the service worker (sw.ts adds them where a host cannot) all use
 * the same code.
 */

/** A `_headers` rule: an exact path, or a prefix ending in `*`, and the headers every matching response gets. */
export interface HeaderRule {
  path: string;
  headers: Record<string, string>;
}

/** The headers a response for `pathname` gets: those of every matching rule, later rules winning, as Netlify does. */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const matches = (rule: string) => (rule.endsWith('*') ? pathname.startsWith(rule.slice(0, -1)) : pathname === rule);
  return Object.assign({}, ...rules.filter((rule) => matches(rule.path)).map((rule) => rule.headers));
}

/** `_headers` text: each path on its own line, its headers indented below it. */
export function headersFile(rules: readonly HeaderRule[]): string {
  return rules
    .map(({ path, headers }) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

/** `_headers` text back into rules, in file order: a path line, then its `Name: value` lines indented below it. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: {} });
    else if (rules.length) {
      const colon = line.indexOf(':');
      rules.at(-1)!.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}
