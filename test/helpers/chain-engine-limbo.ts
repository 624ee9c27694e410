import { findPemBlocks } from '../../shared/pki/pem.js';
import { validateChain, type ChainValidation, type Purpose, type Severity } from '../../electron/services/chain/engine/index.js';

/** The fields of an x509-limbo testcase (C2SP x509-limbo schema) this runner reads. */
export interface LimboCase {
  readonly id: string;
  readonly features: readonly string[];
  readonly importance: string;
  readonly validation_kind: 'SERVER' | 'CLIENT';
  readonly trusted_certs: readonly string[];
  readonly untrusted_intermediates: readonly string[];
  readonly peer_certificate: string;
  readonly validation_time: string | null;
  readonly extended_key_usage: readonly string[];
  readonly expected_result: 'SUCCESS' | 'FAILURE';
  readonly expected_peer_name: { readonly kind: string; readonly value: string } | null;
  readonly max_chain_depth: number | null;
  /** PEM CRLs (cases tagged has-crl); absent from the regression fixture. */
  readonly crls?: readonly string[];
}

export interface LimboOutcome {
  readonly actual: 'SUCCESS' | 'FAILURE';
  readonly result: ChainValidation;
  readonly ms: number;
}

const der = (pem: string): Uint8Array => findPemBlocks(pem)[0]!.der;

/**
 * Runs one limbo case through validateChain the way a TLS client would (host, EKU, time). limbo's
 * trusted certificates are a user-made store whose malformed roots must be refused, hence
 * `anchorFaults: 'error'` unless the caller asks for another grading.
 */
export function runLimboCase(tc: LimboCase, anchorFaults: Severity = 'error'): LimboOutcome {
  const start = performance.now();
  const eku = tc.extended_key_usage[0];
  const purpose: Purpose = eku === 'clientAuth' || (!eku && tc.validation_kind === 'CLIENT') ? 'clientAuth' : 'serverAuth';
  const peer = tc.expected_peer_name;
  const host = peer && (peer.kind === 'DNS' || peer.kind === 'IP') ? peer.value : undefined;
  const result = validateChain(
    {
      leaf: der(tc.peer_certificate),
      intermediates: tc.untrusted_intermediates.map(der),
      anchors: tc.trusted_certs.map(der),
      // limbo's max_chain_depth counts intermediates; ours counts every certificate on the path.
      maxDepth: tc.max_chain_depth === null ? undefined : tc.max_chain_depth + 2,
    },
    {
      at: tc.validation_time ? new Date(tc.validation_time) : new Date(),
      host,
      purpose,
      anchorFaults,
      crls: tc.crls?.length ? tc.crls.map(der) : undefined,
    },
  );
  return { actual: result.trusted ? 'SUCCESS' : 'FAILURE', result, ms: performance.now() - start };
}
