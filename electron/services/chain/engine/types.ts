/**
 * The chain engine's vocabulary: what a built path is and what verifying it found. Kept free of
 * parser types so IPC DTOs and the CLI's JSON can map from it without touching ASN.1.
 */
import type { PolicyInputs } from '../../../../shared/pki/chain/policy-tree.js';

export type { PolicyInputs };

/** The EKU a verification asks for (RFC 5280 §4.2.1.12); `undefined` means no EKU requirement. */
export type Purpose = 'serverAuth' | 'clientAuth';

/** Which input list a path element came from. */
export type CertOrigin = 'leaf' | 'intermediate' | 'anchor';

/** One certificate on a path, with where it came from so callers can map back to their inputs. */
export interface PathCert {
  readonly der: Uint8Array;
  /** Lower-case hex SHA-256 of `der`: the identity of the certificate everywhere in Certbench. */
  readonly sha256: string;
  readonly origin: CertOrigin;
  /** Index into the input list named by `origin` (`intermediates` or `anchors`); 0 for the leaf. */
  readonly inputIndex: number;
}

/**
 * Why a path stops where it does.
 * - `anchor`: the last certificate is a trust anchor (a complete path).
 * - `self-signed`: it ends in a self-signed certificate that is not an anchor (an untrusted root).
 * - `issuer-not-found`: no candidate carries the last certificate's issuer name (missing intermediate).
 * - `cycle`: every candidate issuer is already on the path (cross-sign loops).
 * - `depth-limit`: the path reached the maximum depth.
 */
export type PathEnd = 'anchor' | 'self-signed' | 'issuer-not-found' | 'cycle' | 'depth-limit';

/** A path from the leaf (index 0) towards a trust anchor (last index when `end === 'anchor'`). */
export interface CertPath {
  readonly certs: readonly PathCert[];
  readonly end: PathEnd;
}

/** Inputs to path building; every certificate is DER. Order of `intermediates` does not matter. */
export interface BuildInput {
  readonly leaf: Uint8Array;
  /** Presented, user-added or AIA-fetched certificates, in any order, duplicates allowed. */
  readonly intermediates: readonly Uint8Array[];
  /** Trust anchors (RFC 5280 §6.1.1 d): their names and keys are trusted, their signatures not checked. */
  readonly anchors: readonly Uint8Array[];
  /** Most paths returned (default 16); the search itself is also bounded, so cycles cannot hang it. */
  readonly maxPaths?: number;
  /** Longest path in certificates, leaf and anchor included (default 10). */
  readonly maxDepth?: number;
}

/** What to verify a path for (RFC 5280 §6.1.1 inputs plus RFC 6125 host matching). */
export interface VerifyOptions {
  /** The validation time (RFC 5280 §6.1.1 b). */
  readonly at: Date;
  /**
   * The name the client connects to: a DNS name (an IDN is compared in its A-label form) or an
   * IPv4/IPv6 literal. Omitted: no name check (e.g. verifying a file with no host in mind).
   */
  readonly host?: string;
  /** Required extended key usage of the leaf; omitted: any, and no end-entity profile checks. */
  readonly purpose?: Purpose;
  /**
   * How SHA-1/MD5 signatures and weak keys count: `error` (default, what browsers do) or `warning`
   * (still reported, path stays valid: old private PKIs and test suites such as PKITS).
   */
  readonly weakCrypto?: Severity;
  /**
   * `webpki` (default): RFC 5280 §6 plus the certificate profile rules TLS clients enforce (RFC 5280
   * §4 MUSTs on CAs such as critical basicConstraints and key identifiers, CA/B Forum algorithm and
   * encoding rules). `rfc5280`: the §6 algorithm alone, for private PKIs and suites like PKITS that
   * accept what §4 tells CAs not to issue (non-critical basicConstraints, DSA, GeneralizedTime before 2050).
   */
  readonly profile?: Profile;
  /**
   * How the trust anchor's own issuance-rule faults count (`nonconforming` on the anchor:
   * non-critical basicConstraints, an AKI with issuer and serial, no SKI…). Default `warning`:
   * anchors come from root programs (OS store, Mozilla, JDK cacerts) whose legacy roots (Go Daddy
   * Class 2, Starfield Class 2, QuoVadis Root CA 2, Certigna…) predate these rules and every client
   * trusts as a name and a key. `error` holds a user-made trust store to the profile (x509-limbo
   * scores the engine that way). A function decides per anchor (by its DER), for a verification
   * against both kinds of source at once.
   */
  readonly anchorFaults?: Severity | ((anchorDer: Uint8Array) => Severity);
  /** RFC 5280 §6.1.1 policy inputs; default: any policy, nothing required or inhibited. */
  readonly policy?: PolicyInputs;
  /**
   * DER CRLs to check revocation with (RFC 5280 §6.3). Given (even empty): every certificate below
   * the anchor needs a current CRL from its issuer, else `revocation-unknown`. Omitted: revocation
   * is not checked (the default; Certbench does not fetch CRLs).
   */
  readonly crls?: readonly Uint8Array[];
}

export type Profile = 'webpki' | 'rfc5280';

/** An `error` makes a path invalid; a `warning` is reported but does not. */
export type Severity = 'error' | 'warning';

/**
 * Every problem code verification can report; stable, callers map them to diagnoses. `malformed`:
 * the certificate cannot be read or interpreted as intended (bad DER, an impossible extension).
 * `nonconforming`: it breaks an issuance rule (RFC 5280 §4 MUSTs on CAs, CA/B Forum BRs) that
 * strict validators enforce but that does not change what the certificate means.
 */
export const PATH_PROBLEM_CODES = [
  'expired',
  'not-yet-valid',
  'bad-signature',
  'not-a-ca',
  'path-length-exceeded',
  'eku-mismatch',
  'key-usage',
  'name-constraint-violation',
  'hostname-mismatch',
  'weak-signature',
  'weak-key',
  'unsupported-algorithm',
  'incomplete',
  'untrusted-root',
  'self-signed-leaf',
  'ca-as-leaf',
  'unknown-critical-extension',
  'malformed',
  'nonconforming',
  'policy',
  'revoked',
  'revocation-unknown',
] as const;

export type PathProblemCode = (typeof PATH_PROBLEM_CODES)[number];

/** One reason a path fails; `certIndex` points into `CertPath.certs` (0 = leaf). */
export interface PathProblem {
  readonly code: PathProblemCode;
  readonly severity: Severity;
  readonly certIndex: number;
  /** One plain-English sentence naming what is wrong, for people and logs (not for branching). */
  readonly detail: string;
}

/** The result of verifying one path: valid exactly when no problem has severity `error`. */
export interface PathVerdict {
  readonly valid: boolean;
  readonly problems: readonly PathProblem[];
}

/** A built path together with its verdict. */
export interface VerifiedPath {
  readonly path: CertPath;
  readonly verdict: PathVerdict;
}

/** Every path for a leaf, verified and ranked best first; `trusted` when the first one is valid. */
export interface ChainValidation {
  readonly trusted: boolean;
  readonly paths: readonly VerifiedPath[];
}
