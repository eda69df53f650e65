/**
 * An error a program throws for the reader to read (a file that is not a network, a digit out of range): it carries
 * words, not a sentence, so the page says it in its own language. classify-error.ts passes them on as the message.
 */
import type { Words } from '../protocol/index.ts';

export class ReaderError extends Error {
  readonly words: Words;
  constructor(words: Words, options?: ErrorOptions) {
    super(words.key, options);
    this.name = 'ReaderError';
    this.words = words;
  }
}
