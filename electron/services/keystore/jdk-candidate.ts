import { readdir } from 'node:fs/promises';
import type { ProcessRunner } from '../process/process-runner.js';

/** A directory some source says is a JDK/JRE home, with what that source knows about it. */
export interface JdkCandidate {
  readonly home: string;
  /** Where it came from, e.g. `JAVA_HOME`, `PATH`, `/usr/lib/jvm`, `java_home -V`, `registry`. */
  readonly source: string;
  readonly version?: string;
  readonly vendor?: string;
}

/** What discovery reads from the machine; tests swap `listDir` and `runner` to replay other OSes. */
export interface DiscoveryContext {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly homeDir: string;
  readonly runner: ProcessRunner;
  /** Names in a directory; [] when it does not exist or cannot be read. */
  listDir(path: string): Promise<string[]>;
}

export async function listDirOrEmpty(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch {
    return [];
  }
}

/** Runs a discovery command; a missing tool or a failing run yields no output rather than an error. */
export async function runQuietly(ctx: DiscoveryContext, file: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    const out = await ctx.runner.run({ file, args, timeoutMs: 15_000, env: javaFreeEnv(ctx.env) });
    return out.exitCode === 0 ? out : { stdout: '', stderr: '' };
  } catch {
    return { stdout: '', stderr: '' };
  }
}

/** The environment for child JVM tools: JAVA_TOOL_OPTIONS/_JAVA_OPTIONS would add banners and options (docs/trust-stores.md §0). */
export function javaFreeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.JAVA_TOOL_OPTIONS;
  delete copy._JAVA_OPTIONS;
  delete copy.JDK_JAVA_OPTIONS;
  return copy;
}
