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

/** Median wall time of running `file args` to completion `runs` times (after one warm-up run). */
export function timeProcess(label: string, file: string, args: readonly string[], runs = 9, env?: NodeJS.ProcessEnv): Measured {
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(file, [...args], { stdio: ['ignore', 'ignore', 'pipe'], env: env ?? process.env });
    if (r.status !== 0) throw new Error(`${label}: ${file} exited ${r.status}: ${r.stderr?.toString().slice(0, 300)}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  once();
  return { label, medianMs: median(Array.from({ length: runs }, once)), runs };
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
