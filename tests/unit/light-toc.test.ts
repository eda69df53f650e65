import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIGHT_TOC, lightToc, STARLIGHT_TOC } from '../../src/integrations/light-toc';

// Its exports offer neither package.json nor a `require` entry to resolve it by.
const starlight = join(process.cwd(), 'node_modules/@astrojs/starlight');
const component = (name: string) => readFileSync(join(starlight, 'dist/components', name), 'utf8');

type Hook = (this: { error: (m: string) => never }, ...args: unknown[]) => unknown;
const hook = (plugin: ReturnType<typeof lightToc>, name: 'resolveId' | 'buildEnd' | 'configResolved') =>
  plugin[name] as unknown as Hook;
const context = {
  error: (m: string): never => {
    throw new Error(m);
  },
};

describe("the light table of contents in place of Starlight's", () => {
  it("still finds Starlight's module where both of its components import it, by the path the plugin matches", () => {
    expect(existsSync(join(starlight, 'dist/components-internals/TableOfContents/starlight-toc.js'))).toBe(true);
    for (const name of ['TableOfContents.astro', 'MobileTableOfContents.astro']) {
      const imported = component(name).match(/['"]([^'"]*components-internals\/TableOfContents\/starlight-toc)['"]/);
      expect(imported?.[1], name).toMatch(STARLIGHT_TOC);
    }
    // The mobile one extends the class by this name, so the light module exports it.
    expect(component('MobileTableOfContents.astro')).toContain('extends StarlightTOC');
    expect(readFileSync(LIGHT_TOC, 'utf8')).toContain('export class StarlightTOC');
  });

  it("resolves Starlight's import to the light module, and nothing else", () => {
    const plugin = lightToc();
    const resolve = hook(plugin, 'resolveId').bind(context);
    const importer = join(starlight, 'dist/components/TableOfContents.astro?astro&type=script&index=0&lang.ts');
    expect(resolve('../components-internals/TableOfContents/starlight-toc', importer)).toBe(LIGHT_TOC);
    expect(resolve('./starlight-toc', '/work/src/components/x.ts')).toBeNull();
    expect(resolve('../components-internals/TableOfContents/starlight-toc', '/work/src/mine.ts')).toBeNull();
  });

  it('fails a client build that never saw the import', () => {
    const plugin = lightToc();
    hook(plugin, 'configResolved').call(context, { command: 'build', build: { ssr: false } });
    expect(() => hook(plugin, 'buildEnd').call(context)).toThrow(/never imported/);
  });
});
