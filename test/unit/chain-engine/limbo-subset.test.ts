import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLimboCase, type LimboCase } from '../../helpers/chain-engine-limbo.js';

const suite = JSON.parse(readFileSync(new URL('../../fixtures/chain-engine/limbo-subset.json', import.meta.url), 'utf8')) as { testcases: LimboCase[] };
/** The full suite scores 162/166 on untagged cases (npm run conformance); this subset must not regress. */
const MIN_PASS_RATE = 0.97;

describe('x509-limbo subset (fast regression guard)', () => {
  const outcomes = suite.testcases.map((tc) => ({ tc, ...runLimboCase(tc) }));

  it('passes at least the recorded rate', () => {
    const failed = outcomes.filter((o) => o.actual !== o.tc.expected_result).map((o) => o.tc.id);
    expect(1 - failed.length / outcomes.length, `failed: ${failed.join(', ')}`).toBeGreaterThanOrEqual(MIN_PASS_RATE);
  });

  it('never accepts a chain that a high or critical case expects to be rejected', () => {
    const wrong = outcomes.filter((o) => o.tc.importance !== 'undetermined' && o.tc.expected_result === 'FAILURE' && o.actual === 'SUCCESS');
    expect(wrong.map((o) => o.tc.id)).toEqual([]);
    expect(outcomes.some((o) => o.tc.importance !== 'undetermined')).toBe(true);
  });

  it('answers every case well within the hang limit', () => {
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(5000);
  });
});
