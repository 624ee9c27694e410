/**
 * Timing helpers shared by the benchmarks: whole-process medians of a command and of in-process
 * work, and a ratio line. Benchmarks compare with the peer tool in the same run, because this
 * machine's absolute times drift.
 */
import { spawnSync } from 'node:child_process';

export interface Measured {
  readonly label: string;
  readonly medianMs: number;
  readonly runs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/**
 * The environment benchmarks run commands in. The sandbox sets NODE_EXTRA_CA_CERTS, which makes
 * every Node process parse ~140 certificates before any script runs (it doubles `node -e 0`) and
 * which users rarely set; the certificate and Java variables would also change what the peer tools
 * load. `npm test` removes the same variables.
 */
export function benchEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS']) delete env[name];
  return env;
}

export interface ProcessSpec {
  readonly label: string;
  readonly file: string;
  readonly args: readonly string[];
  /** Variables this command gets on top of the run's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** The exit status a correct run ends with (default 0; 1 where a check rightly finds problems). */
  readonly status?: number;
}

/**
 * Median wall time of each command, run `runs` times round-robin (after one warm-up run each, unless
 * `warmUp` is false: for runs of minutes, where a warm page cache is not what is measured), so a
 * change in the machine's load hits every command alike and the ratios between them hold.
 */
export function timeProcesses(specs: readonly ProcessSpec[], runs = 9, env: NodeJS.ProcessEnv = benchEnv(), { warmUp = true } = {}): Measured[] {
  const once = ({ label, file, args, env: extra, status = 0 }: ProcessSpec) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(file, [...args], { stdio: ['ignore', 'ignore', 'pipe'], env: extra ? { ...env, ...extra } : env });
    if (r.status !== status) throw new Error(`${label}: ${file} exited ${r.status}: ${r.stderr?.toString().slice(0, 300)}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  if (warmUp) specs.forEach(once);
  const times = specs.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) specs.forEach((spec, i) => times[i]!.push(once(spec)));
  return specs.map((spec, i) => ({ label: spec.label, medianMs: median(times[i]!), runs }));
}

/** One command alone; see timeProcesses to compare commands. */
export function timeProcess(label: string, file: string, args: readonly string[], runs = 9, env?: NodeJS.ProcessEnv): Measured {
  return timeProcesses([{ label, file, args }], runs, env)[0]!;
}

/** Median wall time of an async in-process function (after one warm-up call). */
export async function timeAsync(label: string, work: () => Promise<unknown> | unknown, runs = 9): Promise<Measured> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { label, medianMs: median(times), runs };
}

/**
 * Median wall time of each piece of work (a process or in-process), run `runs` times round-robin
 * after one warm-up each: a tool and Certbench's in-process equivalent measured side by side, so
 * load from other work on the machine hits both alike. With `block` > 1 each turn runs a piece
 * `block` times in a row: in-process work then runs warm (its caches and JIT state from the run
 * before, as in an app that keeps working), not just after another process was spawned.
 */
export async function timeInterleaved(specs: readonly { label: string; work: () => unknown }[], runs = 9, block = 1): Promise<Measured[]> {
  const once = async (work: () => unknown) => {
    const t0 = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (const spec of specs) await once(spec.work);
  const times = specs.map(() => [] as number[]);
  for (let run = 0; run < runs; run += block) {
    for (const [i, spec] of specs.entries()) for (let k = 0; k < block && run + k < runs; k++) times[i]!.push(await once(spec.work));
  }
  return specs.map((spec, i) => ({ label: spec.label, medianMs: median(times[i]!), runs }));
}

/** `file args` as work for timeInterleaved: one whole process, failing loudly. */
export function processWork(file: string, args: readonly string[], env: NodeJS.ProcessEnv = benchEnv()): () => void {
  return () => {
    const r = spawnSync(file, [...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
    if (r.status !== 0) throw new Error(`${file} exited ${r.status}: ${r.stderr?.toString().slice(0, 300)}`);
  };
}

export function printMeasured(...all: Measured[]): void {
  for (const m of all) console.log(`${m.label.padEnd(56)} ${m.medianMs.toFixed(1).padStart(9)} ms  (median of ${m.runs})`);
}

/** Prints `ours / theirs` with the goal, e.g. "ratio 0.12× (goal ≤ 0.15×) ok". */
export function printRatio(label: string, ours: number, theirs: number, goal?: number): number {
  const ratio = ours / theirs;
  const verdict = goal === undefined ? '' : ratio <= goal ? ` (goal ≤ ${goal}×) ok` : ` (goal ≤ ${goal}×) MISSED`;
  console.log(`${label.padEnd(56)} ${ratio.toFixed(2).padStart(9)}×${verdict}`);
  return ratio;
}
