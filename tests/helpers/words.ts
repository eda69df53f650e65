/** Words the worker sends, worded as an English page words them: for tests that read a program's events in Node. */
export { english } from '../../scripts/lib/english';
