// `npm start`: serves the production build on 127.0.0.1:4321 with the server the tests use, which sends the
// headers the build asks a host for in dist/_headers (the run worker's CSP); `astro preview` would not.
import { join } from 'node:path';
import { serveDist } from './lib/chromium.ts';

const port = Number(process.env.PORT ?? 4321);
const { url } = await serveDist(join(import.meta.dirname, '..', 'dist'), port);
console.log(`Serving dist/ at ${url}/ (Ctrl+C stops)`);
