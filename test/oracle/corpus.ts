/**
 * The oracle's scenario corpus: each case is a server (what it sends, on which name) and the trust
 * anchors every client is given, so real clients and Certbench answer the same question. Built at
 * run time with real signatures (test/helpers/chain-pki.ts); nothing here is a verdict.
 */
import { daysFrom, issueCert, makeCrossSignedPki, makeHierarchy, selfSignedLeaf, unknownCriticalExtension, type IssueSpec, type PkiCert } from '../helpers/chain-pki.js';

/** How the server side of a case is reached. */
export type Serving =
  /** openssl s_server on 127.0.0.1 sending `chain` (leaf first) exactly in this order. */
  | { readonly kind: 'tls'; readonly chain: readonly PkiCert[]; readonly key: PkiCert; readonly via?: 'tinyproxy' | MitmVia }
  /** A port that answers plain HTTP. */
  | { readonly kind: 'plain-http' }
  /** A port nothing listens on. */
  | { readonly kind: 'refused' };

/** mitmproxy in front of the server: explicit proxy (its own CA or a company-named one) or reverse mode. */
export type MitmVia = 'mitm-default' | 'mitm-corp' | 'mitm-reverse';

/** Anchors are certificates, or the CA of the mitmproxy instance a case goes through. */
export type Anchor = PkiCert | 'mitm-default-ca' | 'mitm-corp-ca';

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** The name clients connect to (mapped to 127.0.0.1) and verify; an IP literal for IP cases. */
  readonly host: string;
  readonly serving: Serving;
  readonly anchors: readonly Anchor[];
  /** The host-name check is the question (vfychain checks no names, so NSS sits these out). */
  readonly nameCheck?: true;
  /**
   * Through a proxy, Certbench also fetches the host directly (its default; the other proxy cases
   * pass `--no-direct`). Only for an IP literal: the direct route then stays on loopback, no DNS.
   */
  readonly direct?: true;
  /** What Certbench must (not) say beside the verdict, checked by the test; `evidence` must be among a TLS-inspection finding's. */
  readonly expect?: { readonly inspection?: 'none' | 'detected' | 'possible'; readonly evidence?: RegExp; readonly errorSentence?: RegExp };
}

/** A certificate the AIA file server must serve at `/NAME.der`, filled in while the corpus is built. */
export type AiaFiles = Map<string, Uint8Array>;

const now = () => new Date();
const past = (days: number) => ({ notBefore: daysFrom(now(), -days - 365), notAfter: daysFrom(now(), -days) });
const future = (days: number) => ({ notBefore: daysFrom(now(), days), notAfter: daysFrom(now(), days + 365) });
const tls = (chain: readonly PkiCert[], via?: 'tinyproxy' | MitmVia): Serving => ({ kind: 'tls', chain, key: chain[0]!, via });

/** The company-named CA mitmproxy is given for the "corporate gateway" cases. */
export function corpInspectionCa(): Promise<PkiCert> {
  return issueCert({ name: 'Example Corp Secure Web Gateway', organization: 'Example Corp', key: { kind: 'rsa', bits: 2048 } });
}

export async function buildCorpus(aiaBase: string, aiaFiles: AiaFiles): Promise<Scenario[]> {
  const h = await makeHierarchy({ prefix: 'Oracle' });
  const { root, intermediate: int } = h;
  const leafFor = (name: string, more: Partial<IssueSpec> = {}) =>
    issueCert({ name, issuer: int, dns: [name], ...more });
  const other = await makeHierarchy({ prefix: 'Oracle Other' });
  const cases: Scenario[] = [];
  const add = (s: Scenario) => cases.push(s);
  const L = 'localhost';

  add({ id: 'good', title: 'leaf + intermediate, root trusted', host: L, serving: tls([h.leaf, int]), anchors: [root] });
  add({ id: 'root-sent', title: 'leaf + intermediate + root sent', host: L, serving: tls([h.leaf, int, root]), anchors: [root] });
  add({ id: 'wrong-order', title: 'leaf, root, intermediate (wrong order)', host: L, serving: tls([h.leaf, root, int]), anchors: [root] });
  add({ id: 'missing-int', title: 'leaf only, no AIA', host: L, serving: tls([h.leaf]), anchors: [root] });
  aiaFiles.set('/oracle-int.der', int.der);
  const aiaLeaf = await leafFor(L, { aiaCaIssuers: `${aiaBase}/oracle-int.der` });
  add({ id: 'aia-only-int', title: 'leaf only; intermediate only at its AIA URL', host: L, serving: tls([aiaLeaf]), anchors: [root] });
  add({ id: 'untrusted-root', title: 'chain to a root nobody trusts', host: L, serving: tls([h.leaf, int]), anchors: [other.root] });
  add({ id: 'untrusted-root-sent', title: 'untrusted root sent by the server', host: L, serving: tls([h.leaf, int, root]), anchors: [other.root] });
  add({ id: 'int-as-anchor', title: 'only the intermediate trusted (partial chain)', host: L, serving: tls([h.leaf, int]), anchors: [int] });

  const selfLeaf = await selfSignedLeaf(L);
  add({ id: 'self-signed', title: 'self-signed CA:FALSE leaf, not trusted', host: L, serving: tls([selfLeaf]), anchors: [root] });
  add({ id: 'self-signed-trusted', title: 'self-signed CA:FALSE leaf, trusted explicitly', host: L, serving: tls([selfLeaf]), anchors: [selfLeaf] });
  const selfCa = await issueCert({ name: L, ca: true, dns: [L], ips: ['127.0.0.1'], keyUsage: null });
  add({ id: 'self-ca-leaf', title: 'self-signed CA:TRUE leaf (openssl req -x509), not trusted', host: L, serving: tls([selfCa]), anchors: [root] });
  add({ id: 'self-ca-leaf-trusted', title: 'self-signed CA:TRUE leaf, trusted explicitly', host: L, serving: tls([selfCa]), anchors: [selfCa] });

  add({ id: 'host-mismatch', nameCheck: true, title: 'leaf for another name', host: 'www.oracle.test', serving: tls([await leafFor('other.oracle.test'), int]), anchors: [root] });
  add({ id: 'wildcard', nameCheck: true, title: '*.oracle.test for a.oracle.test', host: 'a.oracle.test', serving: tls([await leafFor('*.oracle.test'), int]), anchors: [root] });
  add({ id: 'wildcard-deep', nameCheck: true, title: '*.oracle.test for a.b.oracle.test', host: 'a.b.oracle.test', serving: tls([await leafFor('*.oracle.test'), int]), anchors: [root] });
  add({ id: 'ip-san', nameCheck: true, title: 'IP SAN 127.0.0.1, connect by IP', host: '127.0.0.1', serving: tls([await issueCert({ name: 'ip', issuer: int, ips: ['127.0.0.1'] }), int]), anchors: [root] });
  add({ id: 'ip-in-dns-san', nameCheck: true, title: 'DNS:127.0.0.1 only (no IP SAN), connect by IP', host: '127.0.0.1', serving: tls([await issueCert({ name: 'ip', issuer: int, dns: ['127.0.0.1'] }), int]), anchors: [root] });
  add({ id: 'cn-only', nameCheck: true, title: 'CN=localhost, no SAN', host: L, serving: tls([await issueCert({ name: L, issuer: int }), int]), anchors: [root] });

  add({ id: 'leaf-expired', title: 'leaf expired', host: L, serving: tls([await leafFor(L, past(2)), int]), anchors: [root] });
  add({ id: 'leaf-not-yet', title: 'leaf not yet valid', host: L, serving: tls([await leafFor(L, future(2)), int]), anchors: [root] });
  const expiredInt = await issueCert({ name: 'Oracle Expired Intermediate', issuer: root, ca: true, ...past(2) });
  add({ id: 'int-expired', title: 'intermediate expired', host: L, serving: tls([await issueCert({ name: L, issuer: expiredInt, dns: [L] }), expiredInt]), anchors: [root] });
  const futureInt = await issueCert({ name: 'Oracle Future Intermediate', issuer: root, ca: true, ...future(2) });
  add({ id: 'int-not-yet', title: 'intermediate not yet valid', host: L, serving: tls([await issueCert({ name: L, issuer: futureInt, dns: [L] }), futureInt]), anchors: [root] });
  const expiredRoot = await issueCert({ name: 'Oracle Expired Root', ...past(2) });
  const erInt = await issueCert({ name: 'Oracle ER Intermediate', issuer: expiredRoot, ca: true });
  add({ id: 'root-expired', title: 'trusted root expired', host: L, serving: tls([await issueCert({ name: L, issuer: erInt, dns: [L] }), erInt]), anchors: [expiredRoot] });
  const futureRoot = await issueCert({ name: 'Oracle Future Root', ...future(2) });
  const frInt = await issueCert({ name: 'Oracle FR Intermediate', issuer: futureRoot, ca: true });
  add({ id: 'root-not-yet', title: 'trusted root not yet valid', host: L, serving: tls([await issueCert({ name: L, issuer: frInt, dns: [L] }), frInt]), anchors: [futureRoot] });

  add({ id: 'leaf-sha1', title: 'leaf signed with SHA-1', host: L, serving: tls([await leafFor(L, { hash: 'SHA-1' }), int]), anchors: [root] });
  const sha1Int = await issueCert({ name: 'Oracle SHA1 Intermediate', issuer: root, ca: true, hash: 'SHA-1' });
  add({ id: 'int-sha1', title: 'intermediate signed with SHA-1', host: L, serving: tls([await issueCert({ name: L, issuer: sha1Int, dns: [L] }), sha1Int]), anchors: [root] });
  const sha1Root = await issueCert({ name: 'Oracle SHA1 Root', hash: 'SHA-1' });
  const s1rInt = await issueCert({ name: 'Oracle S1R Intermediate', issuer: sha1Root, ca: true });
  add({ id: 'root-sha1', title: 'trusted root self-signed with SHA-1', host: L, serving: tls([await issueCert({ name: L, issuer: s1rInt, dns: [L] }), s1rInt]), anchors: [sha1Root] });
  const rsa1024 = { key: { kind: 'rsa' as const, bits: 1024 } };
  add({ id: 'leaf-rsa1024', title: 'leaf with an RSA-1024 key', host: L, serving: tls([await leafFor(L, rsa1024), int]), anchors: [root] });
  const weakInt = await issueCert({ name: 'Oracle RSA1024 Intermediate', issuer: root, ca: true, ...rsa1024 });
  add({ id: 'int-rsa1024', title: 'intermediate with an RSA-1024 key', host: L, serving: tls([await issueCert({ name: L, issuer: weakInt, dns: [L] }), weakInt]), anchors: [root] });
  add({ id: 'leaf-rsa2048', title: 'leaf with an RSA-2048 key', host: L, serving: tls([await leafFor(L, { key: { kind: 'rsa', bits: 2048 } }), int]), anchors: [root] });
  add({ id: 'leaf-p384', title: 'leaf with a P-384 key', host: L, serving: tls([await leafFor(L, { key: { kind: 'ec', curve: 'P-384' } }), int]), anchors: [root] });

  add({ id: 'leaf-no-aki', title: 'leaf without authorityKeyIdentifier', host: L, serving: tls([await leafFor(L, { aki: false }), int]), anchors: [root] });
  const noAkiInt = await issueCert({ name: 'Oracle NoAKI Intermediate', issuer: root, ca: true, aki: false });
  add({ id: 'int-no-aki', title: 'intermediate without authorityKeyIdentifier', host: L, serving: tls([await issueCert({ name: L, issuer: noAkiInt, dns: [L] }), noAkiInt]), anchors: [root] });
  add({ id: 'leaf-no-eku', title: 'leaf without extendedKeyUsage', host: L, serving: tls([await leafFor(L, { eku: null }), int]), anchors: [root] });
  add({ id: 'leaf-eku-client', title: 'leaf for clientAuth only', host: L, serving: tls([await leafFor(L, { eku: ['clientAuth'] }), int]), anchors: [root] });
  add({ id: 'leaf-unknown-critical', title: 'leaf with an unknown critical extension', host: L, serving: tls([await leafFor(L, { extensions: [unknownCriticalExtension()] }), int]), anchors: [root] });
  add({ id: 'leaf-is-ca', title: 'CA:TRUE certificate used as the leaf', host: L, serving: tls([await leafFor(L, { ca: true, keyUsage: null }), int]), anchors: [root] });

  const notCa = await issueCert({ name: 'Oracle NotCA Issuer', issuer: root, ca: false, keyUsage: null, eku: null });
  add({ id: 'int-not-ca', title: 'issuer without CA:TRUE', host: L, serving: tls([await issueCert({ name: L, issuer: notCa, dns: [L] }), notCa]), anchors: [root] });
  const sub = await issueCert({ name: 'Oracle Sub Intermediate', issuer: int, ca: true });
  add({ id: 'pathlen', title: 'pathLen 0 intermediate above another CA', host: L, serving: tls([await issueCert({ name: L, issuer: sub, dns: [L] }), sub, int]), anchors: [root] });
  const ncInt = await issueCert({ name: 'Oracle NC Intermediate', issuer: root, ca: true, permittedDns: ['nc.test'] });
  add({ id: 'nc-permitted', title: 'name constraints permit nc.test; www.nc.test', host: 'www.nc.test', serving: tls([await issueCert({ name: 'www.nc.test', issuer: ncInt, dns: ['www.nc.test'] }), ncInt]), anchors: [root] });
  add({ id: 'nc-violated', title: 'name constraints permit nc.test; www.evil.test', host: 'www.evil.test', serving: tls([await issueCert({ name: 'www.evil.test', issuer: ncInt, dns: ['www.evil.test'] }), ncInt]), anchors: [root] });
  const ncIpInt = await issueCert({ name: 'Oracle NC IP Intermediate', issuer: root, ca: true, excludedIps: ['127.0.0.0/8'] });
  add({ id: 'nc-ip-excluded', title: 'name constraints exclude 127.0.0.0/8; IP SAN 127.0.0.1', host: '127.0.0.1', serving: tls([await issueCert({ name: 'ip', issuer: ncIpInt, ips: ['127.0.0.1'] }), ncIpInt]), anchors: [root] });

  const x = await makeCrossSignedPki({ host: L });
  add({ id: 'cross-old-root', title: 'cross-signed chain, only the old root trusted', host: L, serving: tls([x.leaf, x.intermediate, x.crossSigned]), anchors: [x.oldRoot] });
  add({ id: 'cross-new-root', title: 'cross-signed chain, only the new root trusted', host: L, serving: tls([x.leaf, x.intermediate, x.crossSigned]), anchors: [x.root] });
  add({ id: 'cross-wrong-order', title: 'trusted cross-signed chain sent in the wrong order', host: L, serving: tls([x.leaf, x.crossSigned, x.intermediate]), anchors: [x.oldRoot, x.root] });
  const xe = await makeCrossSignedPki({ host: L, expiredCrossSign: true });
  add({ id: 'xexp-both-roots', title: 'expired cross-sign sent, old and current root trusted', host: L, serving: tls([xe.leaf, xe.intermediate, xe.crossSigned]), anchors: [xe.oldRoot, xe.root] });
  add({ id: 'xexp-current-root', title: 'expired cross-sign sent, current root trusted', host: L, serving: tls([xe.leaf, xe.intermediate, xe.crossSigned]), anchors: [xe.root] });
  add({ id: 'xexp-old-root', title: 'expired cross-sign sent, only the old root trusted', host: L, serving: tls([xe.leaf, xe.intermediate, xe.crossSigned]), anchors: [xe.oldRoot] });

  const publicName = 'portal.example-shop.com';
  const privateCa = await makeHierarchy({ prefix: 'Example Shop Internal', host: publicName });
  add({
    id: 'private-ca-public-name',
    title: 'fresh private-CA leaf on a public name, no proxy',
    host: publicName,
    serving: tls([privateCa.leaf, privateCa.intermediate]),
    anchors: [privateCa.root],
    expect: { inspection: 'none' },
  });
  add({ id: 'private-ca-untrusted', title: 'private-CA server on a public name, root not trusted, no proxy', host: publicName, serving: tls([privateCa.leaf, privateCa.intermediate]), anchors: [root], expect: { inspection: 'none' } });
  add({ id: 'tinyproxy-good', title: 'through tinyproxy (CONNECT), root trusted', host: L, serving: tls([h.leaf, int], 'tinyproxy'), anchors: [root] });

  const upstream = tls([privateCa.leaf, privateCa.intermediate]);
  const via = (v: MitmVia): Serving => ({ ...upstream, via: v }) as Serving;
  add({ id: 'mitm-default-trusted', title: 'mitmproxy explicit proxy, its CA trusted', host: publicName, serving: via('mitm-default'), anchors: ['mitm-default-ca'], expect: { inspection: 'detected' } });
  add({ id: 'mitm-default-untrusted', title: 'mitmproxy explicit proxy, only the server\'s root trusted', host: publicName, serving: via('mitm-default'), anchors: [privateCa.root], expect: { inspection: 'detected' } });
  add({ id: 'mitm-corp-trusted', title: 'company-named inspection CA (mitmproxy confdir), trusted', host: publicName, serving: via('mitm-corp'), anchors: ['mitm-corp-ca'], expect: { inspection: 'detected' } });
  add({ id: 'mitm-corp-untrusted', title: 'company-named inspection CA, only the server\'s root trusted', host: publicName, serving: via('mitm-corp'), anchors: [privateCa.root], expect: { inspection: 'detected' } });
  // An IP target through the explicit proxy: the server is also reachable directly, on loopback, so the
  // direct fetch sees the real leaf and the proxied one differs ("the chain differs from a direct fetch").
  const ipServer = tls([await issueCert({ name: 'ip', issuer: int, ips: ['127.0.0.1'] }), int]);
  const differsDirect = /^A direct connection to 127\.0\.0\.1:\d+, bypassing the proxy, got a different certificate/;
  add({
    id: 'mitm-direct-trusted',
    title: 'mitmproxy explicit proxy to an IP also reachable directly, its CA trusted',
    host: '127.0.0.1',
    serving: { ...ipServer, via: 'mitm-default' } as Serving,
    anchors: ['mitm-default-ca'],
    direct: true,
    expect: { inspection: 'detected', evidence: differsDirect },
  });
  add({
    id: 'mitm-direct-untrusted',
    title: 'mitmproxy explicit proxy to an IP also reachable directly, only the server\'s root trusted',
    host: '127.0.0.1',
    serving: { ...ipServer, via: 'mitm-default' } as Serving,
    anchors: [root],
    direct: true,
    expect: { inspection: 'detected', evidence: differsDirect },
  });
  add({ id: 'mitm-reverse', title: 'mitmproxy reverse mode (transparent stand-in), server\'s root trusted', host: publicName, serving: via('mitm-reverse'), anchors: [privateCa.root], expect: { inspection: 'possible' } });

  add({ id: 'plain-http', title: 'port speaks plain HTTP', host: L, serving: { kind: 'plain-http' }, anchors: [root], expect: { errorSentence: /plain HTTP/i } });
  add({ id: 'refused', title: 'nothing listens on the port', host: L, serving: { kind: 'refused' }, anchors: [root], expect: { errorSentence: /refused/i } });
  return cases;
}
