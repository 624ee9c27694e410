/**
 * Real server chains (rustls-platform-verifier's captures in $CERTBENCH_SUITES/real-chains): each
 * scenario verified against the Debian Mozilla roots at its pinned time, with the chosen anchor
 * printed for the cross-signed aws.amazon.com chain and the SAN list checked for the parse scenario.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { validateChain } from '../../electron/services/chain/engine/index.js';
import { readCertLayout } from '../../shared/pki/chain/cert-layout.js';
import { decodeExtensions } from '../../shared/pki/chain/cert-extensions.js';
import { readRdns } from '../../shared/pki/chain/name-key.js';
import { findPemBlocks } from '../../shared/pki/pem.js';
import { suiteUrl } from '../helpers/suites.js';

const DIR = suiteUrl('real-chains/rustls-platform-verifier/');
const MOZILLA = '/usr/share/ca-certificates/mozilla';
const DEFAULT_TIME = '2026-04-08T12:03:06Z';

interface Scenario {
  readonly id: string;
  readonly chain: readonly string[];
  readonly peer_name?: string;
  readonly validation_time?: string;
  readonly expected_result?: 'SUCCESS' | 'FAILURE';
  readonly expected_san_dns?: readonly string[];
  readonly acceptable_chain_ends?: readonly string[];
  readonly kind?: string;
}

const anchors = readdirSync(MOZILLA)
  .filter((f) => f.endsWith('.crt'))
  .flatMap((f) => findPemBlocks(readFileSync(`${MOZILLA}/${f}`, 'utf8')).map((b) => b.der));
const scenarios = (JSON.parse(readFileSync(new URL('scenarios.json', DIR), 'utf8')) as { scenarios: Scenario[] }).scenarios;
const cert = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));
const subjectText = (der: Uint8Array) =>
  readRdns(readCertLayout(der).subject)
    .flat()
    .map((a) => a.text ?? '?')
    .reverse()
    .join(', ');

let pass = 0;
for (const s of scenarios) {
  const ders = s.chain.map(cert);
  let ok: boolean;
  let note = '';
  if (s.kind === 'parse') {
    const names = decodeExtensions(readCertLayout(ders[0]!).extensions).subjectAltName?.names ?? [];
    const dns = names.flatMap((n) => (n.kind === 'dns' ? [n.value] : []));
    ok = JSON.stringify(dns) === JSON.stringify(s.expected_san_dns);
    note = `${dns.length} SAN DNS names`;
  } else {
    const result = validateChain(
      { leaf: ders[0]!, intermediates: ders.slice(1), anchors },
      { at: new Date(s.validation_time ?? DEFAULT_TIME), host: s.peer_name, purpose: 'serverAuth' },
    );
    ok = (result.trusted ? 'SUCCESS' : 'FAILURE') === s.expected_result;
    const best = result.paths[0];
    const anchor = best?.path.end === 'anchor' ? subjectText(best.path.certs[best.path.certs.length - 1]!.der) : '-';
    const validPaths = result.paths.filter((p) => p.verdict.valid).length;
    note = result.trusted ? `anchor: ${anchor}; ${validPaths} valid path(s)` : (best?.verdict.problems.map((p) => p.code).join(', ') ?? 'no path');
  }
  if (ok) pass++;
  console.log(`${ok ? 'pass' : 'FAIL'}  ${s.id.padEnd(44)} ${note}`);
}
console.log(`real chains: ${pass}/${scenarios.length} against ${anchors.length} Mozilla roots`);
process.exitCode = pass === scenarios.length ? 0 : 1;
