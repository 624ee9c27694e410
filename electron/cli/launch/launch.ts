import { join } from 'node:path';
import { ChunkLoader, commandCacheDir } from './chunk-loader.js';

/**
 * What `bin/certbench.cjs` loads: runs the CLI's chunks beside this file through the code cache in
 * `.code-cache/`, which the build clears together with the chunks.
 */
const loader = new ChunkLoader(__dirname, commandCacheDir(join(__dirname, '.code-cache'), process.argv.slice(2)));
process.once('exit', () => loader.saveCaches());
loader.require('./certbench.cjs');
