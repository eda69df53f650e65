/** The snippet runner: the reader's TypeScript, compiled keeping its line numbers, run with tfjs and `course`. */
import * as tf from '@tensorflow/tfjs';
import { CheckFailed } from '../../course/check.ts';
import { courseFor, type CourseModule } from '../../course/course-module.ts';
import type { Program, ProgramContext } from '../../host/program.ts';
import type { Post } from '../../host/run-context.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { words, type Text, type WorkerRequest } from '../../protocol/index.ts';
import { compileSnippet, locateEngineSyntaxError, locateInSnippet, type SnippetSyntaxError } from './transpile.ts';

const IMPORTABLE = ['@tensorflow/tfjs', 'course'];

/**
 * Compiles `code` into a program whose `run` calls it with tfjs and `course` (handed to `withCourse` first); or
 * reports the syntax error at its line and returns null. Lines past `readerLines` are the page's own (an
 * exercise's check): an error there is not marked in the reader's code.
 */
async function compiledProgram(
  runId: number,
  code: string,
  post: Post,
  readerLines: number,
  withCourse?: (course: CourseModule) => void,
): Promise<Program | null> {
  const inReaderCode = <T extends { line: number }>(location: T | null) =>
    location && location.line <= readerLines ? location : null;
  let compiled: ReturnType<typeof compileSnippet>;
  try {
    compiled = compileSnippet(code);
  } catch (e) {
    const err = e as SnippetSyntaxError;
    const location = err.location ?? (err.compiled === undefined ? null : await locateEngineSyntaxError(err.compiled));
    post({
      type: 'error',
      runId,
      kind: 'syntax',
      message: err.message,
      location: inReaderCode(location ?? { line: 1, column: 1 }),
      suggestBackend: null,
    });
    return null;
  }
  return {
    async run(context) {
      const course = courseFor(context);
      withCourse?.(course);
      const modules: Record<string, unknown> = { '@tensorflow/tfjs': tf, course };
      const require = (specifier: string) => {
        if (!(specifier in modules))
          throw new ReaderError(
            words('worker.snippet.cannotImport', {
              specifier,
              first: IMPORTABLE[0]!,
              second: IMPORTABLE[1]!,
            }),
          );
        return modules[specifier];
      };
      await compiled(require, context.console, ...context.scope.values());
    },
    locate: (error) => inReaderCode(locateInSnippet(error)),
  };
}

/** The reader's code as a program, or null after reporting a syntax error at its line. */
export function snippetProgram(request: Extract<WorkerRequest, { type: 'run' }>, post: Post): Promise<Program | null> {
  return compiledProgram(request.runId, request.code, post, Number.POSITIVE_INFINITY);
}

/**
 * An exercise: the reader's code, then the check in its own scope (it sees the reader's top-level names, and
 * `check` and `tf`). A CheckFailed is the verdict, not an error: the run ends normally with a failed `check` event.
 */
export async function exerciseProgram(
  request: Extract<WorkerRequest, { type: 'check' }>,
  post: Post,
): Promise<Program | null> {
  const readerLines = request.code.split('\n').length;
  const code = `${request.code}\n;await (async (check, tf) => {\n${request.check}\n})(require('course').check, require('@tensorflow/tfjs'));`; // not reader text
  let course: CourseModule | null = null;
  const program = await compiledProgram(request.runId, code, post, readerLines, (c) => (course = c));
  if (!program) return null;
  return {
    ...program,
    async run(context: ProgramContext) {
      const verdict = (passed: boolean, message: Text | null) =>
        context.run.emit({
          type: 'check',
          runId: context.run.runId,
          passed,
          message,
          confirmed: [...(course?.check.confirmed ?? [])],
        });
      try {
        await program.run(context);
        verdict(true, null);
      } catch (e) {
        if (!(e instanceof CheckFailed)) throw e;
        verdict(false, e.text);
      }
    },
  };
}
