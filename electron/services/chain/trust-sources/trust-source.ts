import type { ClientFamily } from '../../../../shared/model/chain.js';

/** A set of trust anchors to verify against, with a name a person recognises. */
export interface TrustAnchors {
  /** Shown in reports: "Mozilla roots (Debian ca-certificates)", "PEM bundle /etc/corp.pem". */
  readonly label: string;
  readonly certificates: readonly Uint8Array[];
  /**
   * Whether a root program vouches for these anchors (OS store, Mozilla, JDK cacerts): then an
   * anchor's own issuing-rule faults are warnings, since legacy roots every client trusts have
   * them. Anchors the user supplies (a PEM bundle or folder) are held to the rules.
   */
  readonly curated: boolean;
  /** The client families that verify against these anchors (a JDK's cacerts: Java); absent: every client. */
  readonly clients?: readonly ClientFamily[];
}

/** Where anchors come from; loading is deferred so naming a source costs nothing until used. */
export interface TrustSource {
  /** The spelling the CLI accepts: `system`, `mozilla`, `jdk`, `jdk:PATH`, `nss:DIR`, `pem:PATH`. */
  readonly id: string;
  load(): Promise<TrustAnchors>;
}
