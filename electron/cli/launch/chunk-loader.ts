import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

type ModuleWrapper = (exports: object, require: (specifier: string) => unknown, module: { exports: object }, filename: string, dirname: string) => void;

interface Compiled {
  readonly cacheFile: string;
  readonly script: Script;
}

/** Chunk names as the build writes them: `certbench.cjs`, `chunk-ABCD1234.cjs`, `services-ABCD1234.cjs`. */
const CHUNK = /^\.\/([A-Za-z0-9_-]+\.cjs)$/;

/**
 * Loads the CLI's CommonJS chunks through a V8 code cache, Node 20's missing
 * `module.enableCompileCache`. Compiling the CLI costs more than Node's own start-up; a cache
 * written after a run holds every function that run compiled, so the next run of the same command
 * compiles almost nothing. Chunks other than the relative names the build emits go to Node's own
 * `require` (built-in modules).
 *
 * V8 checks a cache only against the source's length (and its own version and flags), so the
 * cache directory must belong to one build of the chunks (the launcher names it by their content
 * hash). A missing, rejected or unwritable cache costs only speed.
 */
export class ChunkLoader {
  readonly #modules = new Map<string, { exports: object }>();
  readonly #uncached: Compiled[] = [];
  readonly #nodeRequire: NodeJS.Require;

  constructor(
    private readonly dir: string,
    private readonly cacheDir: string,
  ) {
    this.#nodeRequire = createRequire(join(dir, 'launch.cjs'));
  }

  readonly require = (specifier: string): unknown => {
    const chunk = CHUNK.exec(specifier)?.[1];
    if (chunk === undefined) return this.#nodeRequire(specifier);
    const loaded = this.#modules.get(chunk);
    if (loaded) return loaded.exports;
    const module = { exports: {} };
    this.#modules.set(chunk, module);
    const filename = join(this.dir, chunk);
    // The build emits ASCII only: Latin-1 decoding is exact and skips UTF-8 validation.
    const source = readFileSync(filename, 'latin1');
    const cacheFile = join(this.cacheDir, `${chunk}.v8cache`);
    const cachedData = readOptional(cacheFile);
    const script = new Script(Module.wrap(source), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected === true) this.#uncached.push({ cacheFile, script });
    (script.runInThisContext() as ModuleWrapper)(module.exports, this.require, module, filename, this.dir);
    return module.exports;
  };

  /** Writes a cache for each chunk this run compiled without one (call it when the run ends); returns how many. */
  saveCaches(): number {
    let written = 0;
    try {
      makeDirectory(this.cacheDir);
      for (const { cacheFile, script } of this.#uncached.splice(0)) {
        const temp = `${cacheFile}.${process.pid}.tmp`;
        // Exclusive create: a file or link planted at the temp name is never written through.
        writeFileSync(temp, script.createCachedData(), { flag: 'wx' });
        renameSync(temp, cacheFile);
        written++;
      }
    } catch {
      // A read-only install runs without a cache: slower start, same behaviour.
    }
    return written;
  }
}

/** The cache directory of one top-level command (`chain`, `csr`, …): each holds the code its command compiled. */
export function commandCacheDir(cacheRoot: string, argv: readonly string[]): string {
  const command = argv[0] !== undefined && /^[a-z]{1,16}$/.test(argv[0]) ? argv[0] : 'default';
  return join(cacheRoot, command);
}

/**
 * mkdir -p without `{ recursive: true }`: Node 20's recursive mkdirSync loops forever where mkdir
 * answers ENOENT under an existing parent (a cache dir under /proc, some FUSE mounts), which would
 * hang every run at exit; here that is one throw, caught as an unwritable cache.
 */
function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw err;
    makeDirectory(dirname(dir));
    mkdirSync(dir);
  }
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
