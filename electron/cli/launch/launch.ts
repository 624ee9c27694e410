import { join } from 'node:path';
import { ChunkLoader, commandCacheDir } from './chunk-loader.js';

declare const __CERTBENCH_BUILD_ID__: string;

/**
 * What `bin/certbench.cjs` loads: runs the CLI's chunks beside this file through a code cache kept
 * per build and per command, in `.code-cache/` beside them or in CERTBENCH_CODE_CACHE_DIR.
 */
const cacheRoot = join(process.env.CERTBENCH_CODE_CACHE_DIR || join(__dirname, '.code-cache'), __CERTBENCH_BUILD_ID__);
const loader = new ChunkLoader(__dirname, commandCacheDir(cacheRoot, process.argv.slice(2)));
process.once('exit', () => loader.saveCaches());
loader.require('./certbench.cjs');
