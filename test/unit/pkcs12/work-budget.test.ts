import { describe, expect, it } from 'vitest';
import { CertbenchError } from '../../../shared/errors.js';
import { readPfx } from '../../../electron/services/pkcs12/read-pfx.js';
import { WORK_LIMITS, WorkBudget } from '../../../electron/services/pkcs12/work-budget.js';
import { errorCodeOfAsync } from '../../helpers/error-code.js';
import { dataSafe, pfxOf, secretBag } from '../../helpers/pfx-bombs.js';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof CertbenchError ? `${err.code}: ${err.message}` : String(err);
  }
  return 'no error';
};

describe('WorkBudget', () => {
  it('charges every derivation of a file to one allowance, and names the limit it ran out of', () => {
    const file = WorkBudget.forRequest().forFile();
    file.start('first', WORK_LIMITS.iterationsPerFile - 10).tick(WORK_LIMITS.iterationsPerFile - 10);
    const spent = (WORK_LIMITS.iterationsPerFile - 10).toLocaleString('en-US');
    expect(messageOf(() => file.start('second', 11))).toMatch(new RegExp(`^work-limit: .*second of 11 iterations, after ${spent} already run.*limit iterationsPerFile`));
    expect(messageOf(() => file.start('third', 10))).toBe('no error');
  });

  it('shares the request allowance among its files', () => {
    const request = WorkBudget.forRequest();
    const perFile = WORK_LIMITS.iterationsPerFile;
    const files = Math.floor(WORK_LIMITS.iterationsPerRequest / perFile);
    for (let i = 0; i < files; i++) request.forFile().start('file', perFile).tick(perFile);
    expect(messageOf(() => request.forFile().start('one more file', 1))).toMatch(/limit iterationsPerRequest/);
  });

  it('stops a derivation that runs past its time, counted on the derivation clock only', () => {
    let now = 0;
    const file = WorkBudget.forRequest({ now: () => now }).forFile();
    const meter = file.start('slow', 100);
    now += WORK_LIMITS.millisecondsPerFile - 1;
    meter.tick(1);
    now += 1_000_000; // time between derivations (reading other files) is not charged
    const next = file.start('next', 1);
    now += 2;
    expect(messageOf(() => next.tick(1))).toMatch(/^work-limit: .*next ran out of time.*limit millisecondsPerFile/);
  });

  it('stops at the next chunk once the request is cancelled', () => {
    const controller = new AbortController();
    const meter = WorkBudget.forRequest({ signal: controller.signal }).forFile().start('long', 1000);
    meter.tick(1);
    controller.abort();
    expect(messageOf(() => meter.tick(1))).toMatch(/^cancelled: /);
  });

  it('counts the automatic empty-password attempts of readPfx in the file budget', async () => {
    // A MAC that matches no password, 200,000 iterations: "" and the absent password cost 400,000,
    // so the files after it in the same request find the request allowance drained by that much.
    const pfx = pfxOf([dataSafe([secretBag()])], { iterations: 200_000 });
    // A clock that stands still: on a loaded machine the time limit would otherwise answer first.
    const request = WorkBudget.forRequest({ now: () => 0 });
    expect(await errorCodeOfAsync(() => readPfx(pfx, undefined, { budget: request }))).toBe('password-required');
    for (let left = WORK_LIMITS.iterationsPerRequest - 400_000; left > 0; left -= WORK_LIMITS.iterationsPerFile) {
      const n = Math.min(left, WORK_LIMITS.iterationsPerFile);
      request.forFile().start('another file', n).tick(n);
    }
    expect(messageOf(() => request.forFile().start('over', 1))).toMatch(/limit iterationsPerRequest/);
  });
});
