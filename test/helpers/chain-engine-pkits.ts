import { readFileSync } from 'node:fs';
import { validateChain, type ChainValidation } from '../../electron/services/chain/engine/index.js';

/** The fields of a PKITS case ($CERTBENCH_SUITES/pkits/pkits.json) this runner reads. */
export interface PkitsCase {
  readonly id: string;
  readonly title: string;
  readonly section_class: string;
  readonly trust_anchor: string;
  /** Root side first, the end entity last. */
  readonly chain: readonly string[];
  readonly crls?: readonly string[];
  readonly expected_result: 'SUCCESS' | 'FAILURE';
  readonly initial_policy_set: readonly string[];
  readonly initial_explicit_policy: boolean;
  readonly initial_policy_mapping_inhibit: boolean;
  readonly initial_inhibit_any_policy: boolean;
}

/** PKITS certificates are valid 2010–2030; any time inside works. */
export const PKITS_TIME = new Date('2011-04-15T00:00:00Z');

/** PKITS names its policies; the OIDs are NIST's test arc (PKITS §3.2). */
const policyOid = (name: string): string => (name === 'anyPolicy' ? '2.5.29.32.0' : `2.16.840.1.101.3.2.1.48.${/^NIST-test-policy-(\d+)$/.exec(name)![1]}`);

/**
 * Runs one PKITS case with its policy inputs, reading `<Name>.crt` under `certDir` and, when
 * `crlDir` is given, checking revocation with the case's `<Name>.crl` files.
 */
export function runPkitsCase(tc: PkitsCase, certDir: URL, crlDir?: URL): { actual: 'SUCCESS' | 'FAILURE'; result: ChainValidation; ms: number } {
  const cert = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`${name}.crt`, certDir)));
  const crls = crlDir ? (tc.crls ?? []).map((name) => new Uint8Array(readFileSync(new URL(`${name}.crl`, crlDir)))) : undefined;
  const start = performance.now();
  const ders = tc.chain.map(cert);
  const result = validateChain(
    { leaf: ders[ders.length - 1]!, intermediates: ders.slice(0, -1), anchors: [cert(tc.trust_anchor)] },
    {
      at: PKITS_TIME,
      // PKITS tests the RFC 5280 §6 algorithm with RSA-1024/SHA-1 (2011): weak crypto is reported, not fatal.
      weakCrypto: 'warning',
      profile: 'rfc5280',
      crls,
      policy: {
        initialPolicies: tc.initial_policy_set.map(policyOid),
        requireExplicit: tc.initial_explicit_policy,
        inhibitMapping: tc.initial_policy_mapping_inhibit,
        inhibitAnyPolicy: tc.initial_inhibit_any_policy,
      },
    },
  );
  return { actual: result.trusted ? 'SUCCESS' : 'FAILURE', result, ms: performance.now() - start };
}
