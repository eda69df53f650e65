/** Reads a site asset by its path relative to the site's base (fetch in the browser, the file system in tests). */
export type AssetLoader = (path: string) => Promise<ArrayBuffer>;
