import type { Diagnosis } from '../../../../shared/model/chain-diagnosis.js';
import { bestPath, quote, type DiagnosisContext } from './diagnosis-context.js';

/**
 * How the server (or the files) presented the chain: TLS wants the leaf first and each next
 * certificate certifying the one before it (RFC 8446 §4.4.2; RFC 5246 §7.4.2 required it
 * outright), and nothing that is on no path.
 */
export function presentationDiagnoses(ctx: DiagnosisContext): Diagnosis[] {
  const path = bestPath(ctx);
  if (!path || ctx.presented.length === 0) return [];
  // Files may come in any order (verify's promise); only what a server sends has an order to fix.
  return [...(ctx.fromServer ? wrongOrder(ctx, path.certificates) : []), ...extraneous(ctx)];
}

function wrongOrder(ctx: DiagnosisContext, onPath: readonly string[]): Diagnosis[] {
  const presentedOnPath = ctx.presented.map((c) => c.sha256).filter((sha, i, all) => onPath.includes(sha) && all.indexOf(sha) === i);
  const expected = onPath.filter((sha) => presentedOnPath.includes(sha));
  if (presentedOnPath.every((sha, i) => sha === expected[i])) return [];
  const order = presentedOnPath.map((sha) => quote(ctx.lookup(sha))).join(' → ');
  return [
    {
      code: 'wrong-order',
      severity: 'warning',
      message: `The certificates are sent out of order (${order}); the leaf must come first and each certificate must be followed by its issuer. Strict clients (older Java, some embedded TLS stacks) reject this.`,
      certificates: presentedOnPath,
      fix: { text: 'Reorder the server\'s certificate file: leaf first, then each issuer in turn (export the corrected bundle).', place: 'corrected-bundle' },
    },
  ];
}

/** Past this many strays (a whole CA bundle handed to `verify`), one summary replaces the list. */
const MAX_LISTED_STRAYS = 5;

function extraneous(ctx: DiagnosisContext): Diagnosis[] {
  const each = extraneousEach(ctx);
  if (each.length <= MAX_LISTED_STRAYS) return each;
  return [
    {
      code: 'extraneous-certificate',
      severity: 'warning',
      message: `${each.length} certificates are ${ctx.fromServer ? 'sent' : 'included'} that are not part of any path to the leaf (or are duplicates).`,
      certificates: each.slice(0, 64).map((d) => d.certificates[0]!),
      fix: { text: 'Keep only the leaf and its intermediates in the certificate file (export the corrected bundle).', place: 'corrected-bundle' },
    },
  ];
}

function extraneousEach(ctx: DiagnosisContext): Diagnosis[] {
  const used = new Set(ctx.paths.flatMap((p) => p.certificates));
  const seen = new Set<string>();
  const out: Diagnosis[] = [];
  for (const cert of ctx.presented) {
    const duplicate = seen.has(cert.sha256);
    seen.add(cert.sha256);
    if (!duplicate && used.has(cert.sha256)) continue;
    out.push({
      code: 'extraneous-certificate',
      severity: 'warning',
      message: duplicate
        ? `${quote(cert)} is ${ctx.fromServer ? 'sent' : 'included'} more than once.`
        : `${quote(cert)} is ${ctx.fromServer ? 'sent by the server' : 'in the files'} but is not part of any path to the leaf; it wastes handshake bytes and can confuse clients.`,
      certificates: [cert.sha256],
      fix: { text: `Remove ${quote(cert)}${duplicate ? "'s duplicate" : ''} from the server's certificate file (export the corrected bundle).`, place: 'corrected-bundle', certificate: cert.sha256 },
    });
  }
  return out;
}
