import { serveDist } from '../../scripts/lib/chromium';
import { DIST } from './site';

export { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_BASE_ARGS, launchChromium } from '../../scripts/lib/chromium';

/** Serves the production build, as `npm start` does, on a free port. */
export const startPreview = () => serveDist(DIST);
