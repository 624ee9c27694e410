import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeptPlans } from '../../../electron/services/kept-plans.js';

describe('KeptPlans: what the user was shown runs once, by id', () => {
  afterEach(() => vi.useRealTimers());

  it('hands a kept plan out once; a second take is refused', () => {
    const plans = new KeptPlans<{ alias: string }>();
    const id = plans.keep({ alias: 'web' });
    expect(plans.take(id)).toEqual({ alias: 'web' });
    expect(() => plans.take(id)).toThrow(/No such plan/);
    expect(() => plans.take('not-an-id')).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('discard releases what the plan holds, once, and the plan can no longer run', async () => {
    const dropped: string[] = [];
    const plans = new KeptPlans<string>(async (v) => void dropped.push(v));
    const id = plans.keep('staged');
    await plans.discard(id);
    await plans.discard(id);
    expect(dropped).toEqual(['staged']);
    expect(() => plans.take(id)).toThrow(/No such plan/);
  });

  it('drops a plan nobody ran or discarded after 15 minutes', async () => {
    vi.useFakeTimers();
    const dropped: string[] = [];
    const plans = new KeptPlans<string>(async (v) => void dropped.push(v));
    const id = plans.keep('old');
    const kept = plans.keep('taken');
    plans.take(kept);
    await vi.advanceTimersByTimeAsync(15 * 60_000 - 1);
    expect(dropped).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(dropped).toEqual(['old']);
    expect(() => plans.take(id)).toThrow(/expired after 15 minutes/);
  });
});
