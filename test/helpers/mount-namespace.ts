import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('./mount-namespace-runner.mjs', import.meta.url));

/** What to set up inside the namespace before the command runs: `mount` argv lists, then file copies (from, to). */
export interface NamespaceSetup {
  mounts: readonly (readonly string[])[];
  copies?: readonly (readonly [string, string])[];
}

export interface NamespaceRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** `mount --bind COPY HOST` for each pair: the copy stands where the host path was, inside the namespace only. */
export function bindMounts(pairs: readonly (readonly [copy: string, host: string])[]): string[][] {
  return pairs.map(([copy, host]) => ['--bind', copy, host]);
}

/**
 * Runs argv in a private mount namespace (`unshare -m --propagation private`) after the setup's
 * mounts and copies, which vanish with the namespace; the host's paths are never written. The
 * setup and the command reach the runner as one JSON argument, so no shell parses anything.
 */
export function runInMountNamespace(setup: NamespaceSetup, argv: readonly string[], env: NodeJS.ProcessEnv): NamespaceRun {
  const job = JSON.stringify({ mounts: setup.mounts, copies: setup.copies ?? [], argv });
  const r = spawnSync('unshare', ['-m', '--propagation', 'private', '--', process.execPath, RUNNER, job], { env, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}
