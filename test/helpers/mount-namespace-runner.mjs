// Runs as the first process inside `unshare -m` (see mount-namespace.ts): does the mounts and
// copies, then runs the command and exits with its status. Every step is an argv, never a shell
// line, so a path with spaces or quotes is one argument whatever it holds.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { constants } from 'node:os';

/** Runs argv with this process's stdio; its exit status (128 + signal when killed, 127 when it cannot start). */
function run([file, ...args]) {
  const r = spawnSync(file, args, { stdio: 'inherit' });
  if (r.error) {
    process.stderr.write(`mount-namespace-runner: ${file}: ${r.error.message}\n`);
    return 127;
  }
  return r.status ?? 128 + constants.signals[r.signal];
}

const { mounts, copies, argv } = JSON.parse(process.argv[2]);
for (const args of mounts) {
  // mount prints its own reason; the command must not run over a store that was not replaced.
  const status = run(['mount', ...args]);
  if (status !== 0) process.exit(status);
}
// copyFileSync keeps the source's mode, so a copied stand-in stays executable.
for (const [from, to] of copies) copyFileSync(from, to);
process.exit(run(argv));
