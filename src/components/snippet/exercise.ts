/**
 * An exercise block (a snippet inside `[data-exercise]`): Check runs the reader's code and the hidden check and
 * shows the verdict; hints open one at a time; the solution opens on request and loads into the editor.
 */
import type { WorkerEvent } from '~/runtime/protocol';
import { recordPass } from '../client/progress';
import { word } from '../client/words';
import type { OutputView } from '../run/output-view';
import { renderVerdict } from './check-verdict';
import { quietButton } from './quiet-button';

/** What the exercise needs of its snippet. */
export interface ExerciseHost {
  /** The `<course-snippet>`, inside the exercise's section. */
  readonly root: HTMLElement;
  readonly bar: HTMLElement;
  readonly output: OutputView;
  /** Puts the solution in the editor, saved as an edit, and focuses it. */
  loadSolution(code: string): void;
  /** Runs the reader's code, then `check`; resolves when the run ends. */
  runCheck(check: string, onEvent: (event: WorkerEvent) => void): Promise<void>;
}

export function setupExercise(host: ExerciseHost): void {
  const { root, bar } = host;
  const section = root.closest<HTMLElement>('[data-exercise]')!;
  const button = (action: string) => bar.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  const [check, hint, solution] = [button('check'), button('hint'), button('solution')];
  const hints = [...section.querySelectorAll<HTMLDetailsElement>('details[data-hint]')];
  const solutionBox = section.querySelector<HTMLDetailsElement>('details[data-solution]')!;
  const label = () => {
    const shown = hints.filter((d) => d.open).length;
    hint.textContent =
      hints.length > 1
        ? word('snippet.exercise.hintCount', { shown, total: hints.length })
        : word('snippet.exercise.hint');
    hint.disabled = shown === hints.length;
  };
  check.disabled = solution.disabled = false;
  label();
  for (const d of hints) d.addEventListener('toggle', label);
  hint.addEventListener('click', () => {
    const next = hints.find((d) => !d.open);
    if (next) next.open = true;
    label();
  });
  const load = quietButton(
    word('snippet.exercise.loadSolution'),
    () => host.loadSolution(root.dataset.solution ?? ''),
    'load-solution',
  );
  solutionBox.append(load);
  solution.addEventListener('click', () => {
    solutionBox.open = true;
    solutionBox.scrollIntoView({ block: 'nearest' });
    load.focus();
  });
  check.addEventListener('click', () => void checkExercise(host, section));
}

/** Runs the check and records the verdict on the section (`data-state`) and, when passed, in the reader's progress. */
async function checkExercise(host: ExerciseHost, section: HTMLElement): Promise<void> {
  section.dataset.state = 'running';
  let verdict: boolean | null = null;
  await host.runCheck(host.root.dataset.check ?? '', (event) => {
    if (event.type !== 'check') return;
    verdict = event.passed;
    host.output.show(renderVerdict(event));
  });
  section.dataset.state = verdict === null ? 'error' : verdict ? 'passed' : 'failed';
  if (verdict) recordPass(`${section.dataset.lesson}/${section.dataset.exercise}`);
}
