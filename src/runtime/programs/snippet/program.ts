/** The snippet runner: the reader's TypeScript, compiled keeping its line numbers, run with tfjs and `course`. */
import * as tf from '@tensorflow/tfjs';
import { courseFor } from '../../course/course-module.ts';
import type { Program } from '../../host/program.ts';
import type { Post } from '../../host/run-context.ts';
import type { WorkerRequest } from '../../protocol/index.ts';
import { compileSnippet, locateEngineSyntaxError, locateInSnippet, type SnippetSyntaxError } from './transpile.ts';

const IMPORTABLE = ['@tensorflow/tfjs', 'course'];

/** The reader's code as a program, or null after reporting a syntax error at its line. */
export async function snippetProgram(
  request: Extract<WorkerRequest, { type: 'run' }>,
  post: Post,
): Promise<Program | null> {
  let compiled: ReturnType<typeof compileSnippet>;
  try {
    compiled = compileSnippet(request.code);
  } catch (e) {
    const err = e as SnippetSyntaxError;
    const location = err.location ?? (err.compiled === undefined ? null : await locateEngineSyntaxError(err.compiled));
    post({
      type: 'error',
      runId: request.runId,
      kind: 'syntax',
      message: err.message,
      location: location ?? { line: 1, column: 1 },
      suggestBackend: null,
    });
    return null;
  }
  return {
    async run(context) {
      const modules: Record<string, unknown> = {
        '@tensorflow/tfjs': tf,
        course: courseFor(context),
      };
      const require = (specifier: string) => {
        if (!(specifier in modules))
          throw new Error(
            `Cannot import "${specifier}": snippets can import ${IMPORTABLE.map((m) => `"${m}"`).join(' and ')}`,
          );
        return modules[specifier];
      };
      await compiled(require, context.console, ...context.scope.values());
    },
    locate: (error) => locateInSnippet(error),
  };
}
