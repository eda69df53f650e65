/**
 * Response headers by path, in the shape `_headers` files hold (Netlify, Cloudflare Pages): a rule's path is exact,
 * or ends in `*` to cover everything below it. The service worker applies the build's own rules with this, so the
 * headers a host would send and the ones the worker adds are one list (src/integrations/security-policy.ts).
 */
export type HeaderRule = { path: string; headers: Record<string, string> };

const matches = (rule: string, pathname: string) =>
  rule.endsWith('*') ? pathname.startsWith(rule.slice(0, -1)) : pathname === rule;

/** The headers every matching rule gives `pathname`, later rules overriding earlier ones for the same name. */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Array<[string, string]> {
  const found = new Map<string, [string, string]>();
  for (const rule of rules)
    if (matches(rule.path, pathname))
      for (const [name, value] of Object.entries(rule.headers)) found.set(name.toLowerCase(), [name, value]);
  return [...found.values()];
}

/** `_headers` text back into rules: a path line, then its `Name: value` lines indented below it. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: {} });
    else if (rules.length > 0) {
      const colon = line.indexOf(':');
      rules[rules.length - 1]!.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}
