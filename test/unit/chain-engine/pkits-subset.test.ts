import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runPkitsCase, type PkitsCase } from '../../helpers/chain-engine-pkits.js';

const FIXTURES = new URL('../../fixtures/chain-engine/', import.meta.url);
const suite = JSON.parse(readFileSync(new URL('pkits-subset.json', FIXTURES), 'utf8')) as { testcases: PkitsCase[] };

describe('NIST PKITS subset (signatures, validity, name chaining, revocation, basic constraints, policies, name constraints)', () => {
  it.each(suite.testcases.map((tc) => [`${tc.id} ${tc.title}`, tc] as const))('%s', (_, tc) => {
    const outcome = runPkitsCase(tc, new URL('pkits/certs/', FIXTURES), new URL('pkits/crls/', FIXTURES));
    const problems = outcome.result.paths[0]?.verdict.problems.filter((p) => p.severity === 'error').map((p) => p.code);
    expect({ result: outcome.actual, problems }).toMatchObject({ result: tc.expected_result });
  });
});
