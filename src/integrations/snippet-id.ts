/**
 * A runnable fence's id within its lesson, which keys the reader's saved edits and share links: the fence's own
 * `id="…"` where it has one (so a translated title keeps its edits), else its title as a slug. The slug keeps
 * letters and digits of any script, so a Cyrillic title gets an id of its own rather than an empty one; for the
 * English titles it is what the ASCII-only slug gave, so no saved edit is lost (tests/unit/snippet-id.test.ts).
 */
export function slugifyTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/** `explicitId` if the fence gives one, else the title's slug, else its position on the page (1-based). */
export function snippetId(explicitId: string | undefined, title: string, position: number): string {
  return explicitId || slugifyTitle(title) || `snippet-${position}`;
}
