/**
 * Exercise fences: one ```` ```ts exercise id="…" title="…" ```` block holds the starter the reader sees, then
 * after marker lines the hidden check, the solution and any hints, in that order:
 *
 *     <starter>
 *     //! check
 *     <check: runs after the reader's code and sees its top-level names, with `check` and `tf` in scope>
 *     //! solution
 *     <solution>
 *     //! hint
 *     // One hint, as comment lines.
 *
 * The site build (integrations/ec-runnable.ts), the progress panel and the tests all read exercises here.
 */
export interface Exercise {
  readonly id: string;
  readonly title: string;
  readonly starter: string;
  readonly check: string;
  readonly solution: string;
  readonly hints: readonly string[];
}

const MARKER = /^\/\/! (check|solution|hint)\s*$/;

/** Splits a fence's code into its parts; throws naming what is missing, so a broken exercise fails the build. */
export function parseExercise(id: string, title: string, code: string): Exercise {
  const parts: Record<string, string[][]> = { starter: [[]], check: [], solution: [], hint: [] };
  let current = parts.starter![0]!;
  for (const line of code.split('\n')) {
    const marker = MARKER.exec(line);
    if (marker) parts[marker[1]!]!.push((current = []));
    else current.push(line);
  }
  const text = (lines: string[] | undefined) => (lines ?? []).join('\n').trim();
  const check = text(parts.check![0]);
  const solution = text(parts.solution![0]);
  if (!check || !solution)
    throw new Error(`exercise "${id}": needs a //! check and a //! solution section after the starter`);
  if (parts.check!.length > 1 || parts.solution!.length > 1)
    throw new Error(`exercise "${id}": one //! check and one //! solution section, please`);
  return {
    id,
    title,
    starter: text(parts.starter![0]),
    check,
    solution,
    hints: parts.hint!.map((lines) => text(lines.map((l) => l.replace(/^\s*\/\/ ?/, '')))).filter(Boolean),
  };
}

const FENCE = /^```ts exercise([^\n]*)\n([\s\S]*?)\n```$/gm;
const attribute = (meta: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(meta)?.[1];

/** Every exercise in a lesson's MDX body, with the line its fence starts on. */
export function exercisesIn(body: string): Array<Exercise & { line: number }> {
  return [...body.matchAll(FENCE)].map((m) => {
    const meta = m[1] ?? '';
    const id = attribute(meta, 'id');
    if (!id) throw new Error(`an exercise fence needs id="…" (line ${body.slice(0, m.index).split('\n').length})`);
    return {
      ...parseExercise(id, attribute(meta, 'title') ?? id, m[2] ?? ''),
      line: body.slice(0, m.index).split('\n').length,
    };
  });
}
