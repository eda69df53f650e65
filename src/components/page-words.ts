/**
 * Which of the course's words a page carries for its islands' scripts (PageWords.astro): the page's own
 * (`course.*`, `offline.*`) and those of each island its source uses. A key's namespace is the part before its first
 * dot; words worded at build time (`diagram.*`, and any an .astro file says with `Astro.locals.t`) need no copy,
 * except where an island draws them again: the explorer lays out the diagram of any model the reader picks. An
 * island's words that only its component says at build time live in `<island>Form.*` (convForm, explorerForm,
 * labForm, padForm, trainerForm), which no page carries.
 */
const ALWAYS = ['course', 'offline'];

/** A run's controls, its output and what the worker says (errors, backends, progress, what a zoo model is). */
const RUN = ['run', 'worker', 'variant'];

/** What in a page's source brings an island, and the namespaces its scripts word. */
const ISLANDS: ReadonlyArray<{ uses: RegExp; namespaces: string[] }> = [
  // A snippet may call `check` too; an exercise's verdict is worded from `check.*`.
  { uses: /^```\w+[^\n]*\b(run|exercise)\b/m, namespaces: [...RUN, 'snippet', 'check'] },
  { uses: /<MnistTrainer\b/, namespaces: [...RUN, 'trainer'] },
  { uses: /<DigitPad\b/, namespaces: [...RUN, 'pad'] },
  { uses: /<ArchitectureExplorer\b/, namespaces: [...RUN, 'explorer', 'diagram'] },
  { uses: /<DeviceReport\b/, namespaces: [...RUN, 'device'] },
  { uses: /<ArchitectureLab\b/, namespaces: [...RUN, 'lab'] },
  { uses: /<ConvPlayground\b/, namespaces: ['conv'] },
];

export function pageNamespaces(source: string): Set<string> {
  return new Set([...ALWAYS, ...ISLANDS.filter((i) => i.uses.test(source)).flatMap((i) => i.namespaces)]);
}

export function pageWords(source: string, table: Readonly<Record<string, string>>): Record<string, string> {
  const wanted = pageNamespaces(source);
  return Object.fromEntries(Object.entries(table).filter(([key]) => wanted.has(key.split('.')[0]!)));
}
