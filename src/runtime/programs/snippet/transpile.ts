/**
 * Turns the reader's TypeScript into a function the worker can call, keeping line numbers so that errors
 * point at the reader's own lines. Sucrase strips types and rewrites imports to `require` calls without
 * moving code between lines.
 */
import { transform } from 'sucrase';
import type { RunConsole } from '../../host/run-console.ts';
import { RUN_SCOPE_NAMES } from '../../host/run-scope.ts';
import type { CodeLocation } from '../../protocol/index.ts';

const PARAMETERS = ['require', 'console', ...RUN_SCOPE_NAMES];

/** The `require` a snippet sees: the modules it may import, by specifier. */
export type SnippetRequire = (specifier: string) => unknown;
/** The compiled snippet: `require`, `console`, then the run's scoped globals in RUN_SCOPE_NAMES order. */
export type SnippetFunction = (require: SnippetRequire, console: RunConsole, ...scope: unknown[]) => Promise<void>;

export class SnippetSyntaxError extends Error {
  /** Null for an error only the engine found: then `compiled` is the code to locate it in. */
  readonly location: CodeLocation | null;
  readonly compiled: string | undefined;

  constructor(message: string, location: CodeLocation | null, compiled?: string) {
    super(message);
    this.location = location;
    this.compiled = compiled;
  }
}

const SOURCE_URL = 'reader-snippet.ts';
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => SnippetFunction;

/**
 * Lines the engine puts before a constructed function's body (2 in V8: the parameter list and `) {`).
 * Measured once with a plain function built the same way, rather than assumed.
 */
const WRAPPER_LINES: number = ((): number => {
  try {
    new Function(...PARAMETERS, `throw new Error('probe');\n//# sourceURL=${SOURCE_URL}`)(); // not reader text: code
  } catch (e) {
    const line: number | undefined = locateInSnippet(e, 0)?.line;
    if (line) return line - 1;
  }
  return 2;
})();

export function compileSnippet(code: string): SnippetFunction {
  let js: string;
  try {
    js = transform(code, { transforms: ['typescript', 'imports'], production: true }).code;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const location = err.loc ? { line: err.loc.line, column: err.loc.column + 1 } : { line: 1, column: 1 };
    throw new SnippetSyntaxError(err.message.replace(/\s*\(\d+:\d+\)$/, ''), location);
  }
  try {
    return new AsyncFunction(...PARAMETERS, `${js}\n//# sourceURL=${SOURCE_URL}`);
  } catch (e) {
    // Sucrase accepts a few things the engine rejects (a `let` declared twice, `await` in a plain function); the
    // engine's SyntaxError has no position, so a full parser finds it (see locateEngineSyntaxError).
    throw new SnippetSyntaxError((e as Error).message, null, js);
  }
}

/**
 * Where the engine's syntax error is, by parsing the compiled code as the body it became, with acorn (loaded only
 * here, for this rare case). Sucrase keeps lines, so its line is the reader's; null if acorn accepts the code.
 */
export async function locateEngineSyntaxError(js: string): Promise<CodeLocation | null> {
  const { parse } = await import('acorn');
  try {
    parse(`(async function () {\n${js}\n})`, { ecmaVersion: 'latest', sourceType: 'script', locations: true }); // not reader text: code
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    if (loc) return { line: loc.line - 1, column: loc.column + 1 };
  }
  return null;
}

/** The reader's line and column of the innermost stack frame inside the snippet, if any. */
export function locateInSnippet(error: unknown, wrapperLines: number = WRAPPER_LINES): CodeLocation | null {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const match = new RegExp(`${SOURCE_URL.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return null;
  return { line: Number(match[1]) - wrapperLines, column: Number(match[2]) };
}
