import { isIP } from 'node:net';
import type { InspectionConfidence } from '../../../../shared/model/chain-diagnosis.js';
import { parseCertificate } from '../../../../shared/pki/certificate-summary.js';
import { nameDerTexts } from '../../../../shared/pki/name-text.js';
import { SubjectAlternativeNameExtension, type X509Certificate } from '../../../../shared/pki/x509.js';
import type { KnownCertificate } from './diagnosis-context.js';

/** Embedded SignedCertificateTimestampList (RFC 6962 §3.3): every publicly trusted TLS leaf carries one. */
const SCT_LIST_OID = '1.3.6.1.4.1.11129.2.4.2';
/** Inspection proxies mint leaves on the fly, dated at most a few days back. */
const FRESH_MS = 3 * 86_400_000;

// Loaded on the first public-name question, then kept: a scan asks once per endpoint.
let tldts: Promise<typeof import('tldts')> | undefined;

/**
 * A name the public web PKI could issue for: a DNS name under an ICANN public suffix (the public
 * suffix list, via tldts), not an IP literal, `localhost` or a private/reserved suffix. The list
 * is loaded only for names that could be public (it costs more than a loopback handshake).
 */
export async function isPublicHostname(name: string | undefined): Promise<boolean> {
  const host = name?.replace(/\.$/, '');
  if (!host || !host.includes('.') || isIP(host)) return false;
  tldts ??= import('tldts');
  const parsed = (await tldts).parse(host);
  // home.arpa (RFC 8375) is on the ICANN list but reserved for home networks.
  return !parsed.isIp && parsed.isIcann === true && parsed.domain !== null && !parsed.publicSuffix?.endsWith('arpa');
}

/** The leaf carries embedded SCTs. */
export function hasEmbeddedScts(leaf: X509Certificate): boolean {
  return leaf.extensions.some((e) => e.type === SCT_LIST_OID);
}

/** A host name no real certificate can hold (RFC 2606 reserves `.invalid`), for the forgery probe. */
export function probeName(random: string): string {
  return `certbench-probe-${random}.invalid`;
}

/** Whether the probe's answer was made out for the probe's name. */
export function madeOutFor(leaf: X509Certificate, name: string): boolean {
  const sans = leaf.getExtension(SubjectAlternativeNameExtension)?.names.items ?? [];
  return sans.some((n) => n.type === 'dns' && n.value.toLowerCase() === name) || leaf.subject.toLowerCase().includes(`cn=${name}`);
}

/**
 * What a second handshake over the same path found when it asked for a name no real certificate can
 * hold (under `.invalid`): a proxy that forges certificates makes one out for it.
 */
export type ProbeResult =
  | { readonly kind: 'forged'; readonly name: string }
  | { readonly kind: 'not-forged'; readonly name: string }
  | { readonly kind: 'failed'; readonly name: string; readonly detail: string };

/**
 * What a direct connection to the same host:port (bypassing the proxy) presented, compared with
 * the proxied leaf by key and issuer: a proxy that only tunnels passes the server's leaf through.
 */
export type DirectResult =
  | { readonly kind: 'differs'; readonly where: string; readonly detail: string }
  | { readonly kind: 'same'; readonly where: string }
  | { readonly kind: 'failed'; readonly where: string; readonly detail: string };

/** How the chain was reached, beside the certificates. */
export interface PathFacts {
  /** The fetch went through an explicit HTTP proxy. */
  readonly viaProxy: boolean;
  readonly probe?: ProbeResult;
  /** Only when the fetch went through a proxy. */
  readonly direct?: DirectResult;
}

/** How the leaf a direct connection got differs from the proxied one (key, then issuer), if it does. */
export function leafDifference(proxied: X509Certificate, direct: X509Certificate): string | undefined {
  const sameKey = Buffer.from(proxied.publicKey.rawData).equals(Buffer.from(direct.publicKey.rawData));
  const [proxiedIssuer, directIssuer] = [issuerText(proxied), issuerText(direct)];
  if (!sameKey) return `its key differs and it was issued by "${directIssuer}", not "${proxiedIssuer}"`;
  return proxiedIssuer === directIssuer ? undefined : `it was issued by "${directIssuer}", not "${proxiedIssuer}"`;
}

const issuerText = (cert: X509Certificate): string => nameDerTexts(new Uint8Array(cert.issuerName.toArrayBuffer())).display;

export interface InspectionInput {
  readonly hostname?: string;
  /** `isPublicHostname(hostname)`. */
  readonly publicName: boolean;
  readonly at: Date;
  readonly fromServer: boolean;
  readonly leaf: KnownCertificate;
  /** The last certificate of the best path (the root, or the highest one reached). */
  readonly top: KnownCertificate;
  readonly isPublicRoot: boolean;
  readonly path: PathFacts;
}

export interface InspectionFinding {
  /** `high`: a proxy forged a certificate for a name it was asked; `medium`: signs without that proof. */
  readonly confidence: InspectionConfidence;
  readonly evidence: readonly string[];
}

/** Whether the chain is worth a forgery probe: fetched through a proxy, or a public name whose leaf lacks SCTs. */
export async function worthProbing(hostname: string | undefined, leafDer: Uint8Array, viaProxy: boolean): Promise<boolean> {
  if (viaProxy) return true;
  if (!(await isPublicHostname(hostname))) return false;
  try {
    return !hasEmbeddedScts(parseCertificate(leafDer));
  } catch {
    return false;
  }
}

/**
 * TLS inspection judged from evidence only, never from names in the certificates (docs/pki-facts.md):
 * a forgery probe that came back made out for the probe's name, or a proxied leaf other than the one a
 * direct connection gets, ending in a private root, is proof; a proxy on the path plus a private root
 * on a public name with a leaf lacking SCTs is a strong sign. Without a proxy and
 * without a forgery, a private root on a public name is just a private CA.
 */
export function assessInspection(input: InspectionInput): InspectionFinding | undefined {
  const { probe, direct } = input.path;
  // Only a forgery, a proxied leaf the server itself does not send, or a proxy in front of a public
  // name can make a finding: skip the rest otherwise.
  if (!input.fromServer || (probe?.kind !== 'forged' && direct?.kind !== 'differs' && !(input.path.viaProxy && input.publicName))) return undefined;
  const evidence: string[] = [];
  if (probe?.kind === 'forged') {
    evidence.push(`A second handshake over the same path asking for "${probe.name}", a name no real certificate can hold, got a certificate made out for that name: something on the path mints certificates for whatever name it is asked.`);
  }
  if (input.path.viaProxy) evidence.push('The connection went through an HTTP proxy.');
  if (direct?.kind === 'differs') evidence.push(`A direct connection to ${direct.where}, bypassing the proxy, got a different certificate: ${direct.detail}. The proxy replaces the server's certificate.`);
  const privateOnPublic = !input.isPublicRoot && input.publicName;
  if (privateOnPublic) evidence.push(`${topDescription(input.top)}, while ${input.hostname} is a public DNS name.`);
  const noScts = !hasEmbeddedScts(input.leaf.cert);
  if (noScts) evidence.push('The leaf carries no embedded SCTs, which every publicly trusted TLS certificate has.');
  const age = input.at.getTime() - new Date(input.leaf.summary.notBefore).getTime();
  if (age >= 0 && age <= FRESH_MS) evidence.push(`The leaf was issued ${Math.max(0, Math.round(age / 3_600_000))} hours ago.`);
  if (probe?.kind === 'not-forged') evidence.push(`A handshake asking for "${probe.name}" did not get a certificate for that name.`);
  if (probe?.kind === 'failed') evidence.push(`A handshake asking for "${probe.name}" failed (${probe.detail}), so forgery could not be checked.`);
  if (direct?.kind === 'same') evidence.push(`A direct connection to ${direct.where}, bypassing the proxy, got the same leaf key and issuer.`);
  if (direct?.kind === 'failed') evidence.push(`A direct connection to ${direct.where}, bypassing the proxy, was not possible (${direct.detail}), so the chain could not be compared with what the server sends.`);
  if ((probe?.kind === 'forged' || direct?.kind === 'differs') && !input.isPublicRoot) return { confidence: 'high', evidence };
  if (direct?.kind === 'differs') return { confidence: 'medium', evidence };
  if (input.path.viaProxy && privateOnPublic && noScts && probe?.kind !== 'not-forged' && direct?.kind !== 'same') return { confidence: 'medium', evidence };
  return undefined;
}

/** Where the best path stops: a root outside the public programs, or (issuer neither sent nor held) the certificate whose issuer is missing. */
function topDescription(top: KnownCertificate): string {
  return top.summary.selfSigned
    ? `The chain ends in "${top.name}", which is outside the public root programs (Mozilla list)`
    : `The chain stops at "${top.name}", whose issuer (${top.summary.issuer}) was neither sent nor found in a store, so it reaches no root of the public programs (Mozilla list)`;
}
