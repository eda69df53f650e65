import { describe, expect, it } from 'vitest';
import { slugifyTitle, snippetId } from '~/integrations/snippet-id';
import { runnableFences } from '../helpers/snippets';

/** The slug snippets had before it knew other scripts: saved edits are keyed by it. */
const asciiSlug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

describe('snippet ids', () => {
  it('are what they were for every English title, so no reader loses a saved edit', () => {
    const titles = runnableFences().map((f) => f.title);
    expect(titles.length).toBeGreaterThan(20);
    for (const title of titles) expect(slugifyTitle(title), title).toBe(asciiSlug(title));
  });

  it('keep the letters of a Cyrillic title, where the ASCII slug left nothing', () => {
    expect(asciiSlug('Обучение LeNet-5 на MNIST')).toBe('lenet-5-mnist');
    expect(slugifyTitle('Обучение LeNet-5 на MNIST')).toBe('обучение-lenet-5-на-mnist');
    expect(asciiSlug('Свёртка')).toBe('');
    expect(slugifyTitle('Свёртка')).toBe('свёртка');
  });

  it("prefer the fence's own id, and fall back to the position when the title has no letters", () => {
    expect(snippetId('lenet-train', 'Обучение LeNet-5', 3)).toBe('lenet-train');
    expect(snippetId(undefined, '×', 3)).toBe('snippet-3');
  });
});
