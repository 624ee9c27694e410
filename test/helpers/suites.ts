import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the conformance suites are (x509-limbo, PKITS, zlint, keystores, real chains): the folder
 * CERTBENCH_SUITES names, or `../shared/suites` beside the repository. They are reference data
 * kept outside the repository; `npm test` does not need them, `npm run conformance` does.
 */
export const SUITES_DIR = resolve(process.env.CERTBENCH_SUITES ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'suites'));

/**
 * A file or folder (with a trailing `/`) of the suites, as a URL; when it is absent the run stops
 * with one line saying where it looked and how to point elsewhere.
 */
export function suiteUrl(relative: string): URL {
  const path = join(SUITES_DIR, relative);
  if (!existsSync(path)) {
    console.error(`conformance: ${path} not found: set CERTBENCH_SUITES to the folder that holds the suites (default: ../shared/suites beside the repository)`);
    process.exit(2);
  }
  const url = pathToFileURL(path);
  if (relative.endsWith('/')) url.pathname += url.pathname.endsWith('/') ? '' : '/';
  return url;
}
