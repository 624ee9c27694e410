import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashTrials } from '../../helpers/keystore-crash.js';
import { tempDir } from '../../helpers/keystore-tools.js';

/** A small sample of the 200-kill run in test/conformance/keystore-crash.ts (keytool costs ~1 s a run). */
describe('keystore edits survive SIGKILL', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(() => cleanup());

  it('leaves the store in the before or the after state, never anything else', async () => {
    const seed = Number(process.env.CERTBENCH_CRASH_SEED ?? Date.now() % 100_000);
    const report = await crashTrials(dir, 8, seed);
    expect(report.failures, `seed ${seed}`).toEqual([]);
    expect(report.before + report.after).toBe(8);
    expect(report.strayFiles, 'temp folders left by kills are removed by the next edit').toBeLessThanOrEqual(1);
  }, 300_000);
});
