import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';

/**
 * Once, before any test file: the web app is built when its sources changed (a no-op when web/dist is current).
 * The browser tests and the build test each need it; left to them, two files running at once on a fresh clone
 * would both build into the same web/dist.
 */
export default function setup(): void {
  ensureWebBuilt();
}
