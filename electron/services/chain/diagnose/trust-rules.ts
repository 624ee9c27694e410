import type { Diagnosis } from '../../../../shared/model/chain-diagnosis.js';
import type { ChainPath } from '../../../../shared/model/chain.js';
import { bestPath, displayName, quote, type DiagnosisContext, type KnownCertificate } from './diagnosis-context.js';
import { caIssuersUrls } from '../aia/aia-urls.js';

/**
 * Why the best path does not reach a trust anchor: a self-signed leaf, a root the trust sources
 * lack (sent by the server or not), a missing intermediate (and whether AIA completes it), or a
 * TLS-inspection proxy's root in place of the server's real CA.
 */
export function trustDiagnoses(ctx: DiagnosisContext): Diagnosis[] {
  const path = bestPath(ctx);
  if (!path) return [];
  const certs = path.certificates.map(ctx.lookup);
  // An inspecting proxy's chain is never a server fault: its finding explains everything.
  const inspection = inspectionDiagnosis(ctx, certs, path.trusted);
  if (inspection) return [inspection];
  return [...pathTrustDiagnoses(ctx, path, certs), ...privateCa(ctx, path, certs)];
}

/** Informational: a public-looking name served from a private CA (no proxy, no forgery seen). */
function privateCa(ctx: DiagnosisContext, path: ChainPath, certs: readonly KnownCertificate[]): Diagnosis[] {
  const top = certs[certs.length - 1]!;
  if (!ctx.fromServer || !path.trusted || !ctx.publicName || ctx.isPublicRoot(top)) return [];
  return [{
    code: 'private-ca',
    severity: 'info',
    message: `${ctx.hostname} is served with a certificate issued by a private CA (${quote(top)}), outside the public root programs; clients without that root fail.`,
    certificates: [top.sha256],
    fix: { text: `Install ${quote(top)} in the trust store of every client that connects to ${ctx.hostname}.`, place: 'trust-store', certificate: top.sha256 },
  }];
}

function pathTrustDiagnoses(ctx: DiagnosisContext, path: ChainPath, certs: readonly KnownCertificate[]): Diagnosis[] {
  const top = certs[certs.length - 1]!;
  const notSent = certs.filter((c) => c.origin === 'aia' || (ctx.fromServer && c.origin === 'file'));
  if (path.end === 'anchor' && notSent.length > 0) return [missingButCompleted(ctx, certs, notSent)];
  if (path.trusted) return [];
  if (path.end === 'self-signed' && certs.length === 1) return [selfSignedLeaf(ctx, top)];
  if (path.end === 'self-signed') return [untrustedRoot(ctx, top)];
  // A cross-sign loop or an over-long chain also never reaches an anchor: explained like a missing issuer.
  if (path.end !== 'anchor') return [issuerMissing(ctx, certs, top)];
  return [];
}

function trustPlaces(ctx: DiagnosisContext): string {
  return ctx.trustLabels.length ? ctx.trustLabels.join(', ') : 'the trust store';
}

function selfSignedLeaf(ctx: DiagnosisContext, leaf: KnownCertificate): Diagnosis {
  const what = leaf.summary.isCA
    ? `${quote(leaf)} is a self-signed CA certificate (basicConstraints CA:TRUE, what \`openssl req -x509\` makes by default) that the server uses as its own certificate`
    : `${quote(leaf)} is self-signed`;
  return {
    code: 'self-signed-leaf',
    severity: 'error',
    message: `${what}: no CA vouches for it, so no client trusts it unless this exact certificate is installed as trusted.`,
    certificates: [leaf.sha256],
    fix: {
      text: `Replace it with a certificate issued by a CA the clients trust, or, for a private service, add this exact certificate to the trust store of every client (${trustPlaces(ctx)}).`,
      place: 'trust-store',
      certificate: leaf.sha256,
    },
  };
}

function untrustedRoot(ctx: DiagnosisContext, root: KnownCertificate): Diagnosis {
  const sent = ctx.presented.some((p) => p.sha256 === root.sha256);
  return {
    code: sent ? 'self-signed-in-chain' : 'untrusted-root',
    severity: 'error',
    message: sent
      ? `The chain ends in the self-signed root ${quote(root)}, sent by the ${ctx.fromServer ? 'server' : 'files'}, which is not in ${trustPlaces(ctx)}.`
      : `The chain ends in the root ${quote(root)}, which is not in ${trustPlaces(ctx)}.`,
    certificates: [root.sha256],
    fix: new Date(root.summary.notAfter) < ctx.at
      ? {
          // Installing an expired root never helps: every client checks its dates except Java.
          text: `Do not install ${quote(root)}: it expired on ${root.summary.notAfter.slice(0, 10)}. Get the CA's current root, or have the server certificate reissued under a CA whose root is current.`,
          place: 'reissue',
        }
      : {
          text: `If you trust ${quote(root)} (your organisation's CA), add it to the trust store the client uses (OS store, or the Java keystore for Java clients); otherwise have the server certificate reissued by a public CA.`,
          place: 'trust-store',
          certificate: root.sha256,
        },
  };
}

function issuerMissing(ctx: DiagnosisContext, certs: readonly KnownCertificate[], top: KnownCertificate): Diagnosis {
  const issuer = `"${displayName(top.summary.issuer)}"`;
  const aiaNote = aiaExplanation(ctx, top);
  const expiredCrossSign = top.summary.isCA && !top.summary.selfSigned && new Date(top.summary.notAfter) < ctx.at;
  if (expiredCrossSign) {
    const current = `"${top.name}"`;
    return {
      code: 'expired-cross-sign',
      severity: 'error',
      message: `The chain reaches ${current} only through its cross-sign by ${issuer}, which expired on ${top.summary.notAfter.slice(0, 10)}; the current self-signed root ${current} is not in ${trustPlaces(ctx)}.`,
      certificates: [top.sha256],
      fix: {
        text: `Do not install ${issuer} (its cross-sign has expired). Add the CA's current root ${current} (self-signed, same name and key) to the trust store the client uses: the path ${certs.slice(0, -1).map(quote).join(' → ')} → ${current} then works. Remove the expired cross-sign from the server's bundle.`,
        place: 'trust-store',
      },
    };
  }
  if (certs.length > 1) {
    return {
      code: 'untrusted-root',
      severity: 'error',
      message: `The chain stops at ${quote(top)}, whose issuer ${issuer} is not in ${trustPlaces(ctx)}${aiaNote}.`,
      certificates: [top.sha256],
      fix: { text: `Add the root ${issuer} to the trust store the client uses (OS store, or the Java keystore for Java clients).`, place: 'trust-store' },
    };
  }
  return {
    code: 'missing-intermediate',
    severity: 'error',
    message: `The ${ctx.fromServer ? 'server sent' : 'files hold'} ${quote(top)} but not its issuer ${issuer}, and ${trustPlaces(ctx)} does not hold it either${aiaNote}.`,
    certificates: [top.sha256],
    fix: {
      text: `If ${issuer} is an intermediate CA, add it to the server's certificate file right after ${quote(top)}; if it is your organisation's root, add it to the trust store.`,
      place: 'server-config',
    },
  };
}

function aiaExplanation(ctx: DiagnosisContext, top: KnownCertificate): string {
  if (ctx.aia.failures.length > 0) return `; fetching it from the AIA URL failed (${ctx.aia.failures[0]})`;
  const urls = caIssuersUrls(top.cert);
  if (urls.length === 0) return `; ${quote(top)} names no AIA caIssuers URL, so clients cannot fetch it either`;
  return ctx.aia.enabled ? '' : `; ${quote(top)} names its issuer at ${urls[0]} (turn on AIA fetching, --aia, to get it)`;
}

/** The path is complete only thanks to AIA downloads or files the user added: the server (or the files) lack them. */
function missingButCompleted(ctx: DiagnosisContext, certs: readonly KnownCertificate[], fetched: readonly KnownCertificate[]): Diagnosis {
  const below = certs[certs.indexOf(fetched[0]!) - 1] ?? certs[0]!;
  const byAia = fetched.every((c) => c.origin === 'aia');
  const how = byAia
    ? 'AIA can complete it: browsers and Windows fetch it from the certificate\'s caIssuers URL, but OpenSSL, curl, Java, Python and Go clients fail.'
    : 'The certificates you added complete it, but clients of the server do not have them and fail.';
  return {
    code: 'missing-intermediate',
    severity: 'error',
    message: `The ${ctx.fromServer ? 'server does not send' : 'files lack'} the intermediate ${fetched.map(quote).join(', ')} that issued ${quote(below)}. ${how}`,
    certificates: fetched.map((c) => c.sha256),
    fix: {
      text: `Serve the corrected bundle (leaf, then ${fetched.map(quote).join(', ')}) from the server.`,
      place: 'corrected-bundle',
      certificate: fetched[0]!.sha256,
    },
  };
}

function inspectionDiagnosis(ctx: DiagnosisContext, certs: readonly KnownCertificate[], trusted: boolean): Diagnosis | undefined {
  const finding = ctx.inspection;
  if (!finding) return undefined;
  const top = certs[certs.length - 1]!;
  const rootDn = top.summary.subject === top.summary.issuer ? top.summary.subject : top.summary.issuer;
  const rootName = `"${displayName(rootDn)}"`;
  const host = ctx.hostname ?? 'this host';
  const failing = ctx.clients.filter((c) => !c.trusted);
  const failingNames = failing.map((c) => c.label.replace(/ \(.*$/, ''));
  const sure = finding.confidence === 'high';
  const install = failing.length
    ? `Install the inspection root ${rootName} (${rootDn}) in the trust stores of exactly the clients that fail (${failingNames.join(', ')}${failing.some((c) => c.client === 'java') ? '; for Java, the JDK\'s cacerts' : ''})`
    : `Every client family here already trusts the inspection root ${rootName}; nothing to install`;
  return {
    code: 'tls-inspection',
    severity: trusted ? 'warning' : 'error',
    message: `${sure ? 'TLS inspection' : 'Possible TLS inspection'}: the certificate for ${host} was ${sure ? 'made' : 'probably made'} by an inspecting proxy whose root is ${rootName} (${rootDn}), not by the server's own CA.${trusted ? '' : ' This is not a fault of the server.'}`,
    certificates: [top.sha256],
    fix: {
      text: `${install}, or have ${host} excluded from inspection at the proxy. The server's certificate needs no change: the proxy makes this one per connection.`,
      place: failing.length > 0 && failing.every((c) => c.client === 'java') ? 'java-keystore' : 'trust-store',
      certificate: top.summary.subject === top.summary.issuer ? top.sha256 : undefined,
    },
    confidence: finding.confidence,
    evidence: [...finding.evidence],
  };
}
