/** One line of `certutil -L`: a nickname and its trust flags (`SSL,S/MIME,code-signing`). */
export interface NssListing {
  readonly nickname: string;
  readonly trust: string;
}

const FLAGS = /^(.*\S)\s+([pPcCTuwgk]*,[pPcCTuwgk]*,[pPcCTuwgk]*)\s*$/;

/**
 * Parses `certutil -L -d DB`: a header, then each nickname padded to 60 columns and the flags.
 * Long nicknames push the flags right and nicknames may hold spaces, so the flags are the LAST
 * token matching the trust-string grammar (docs/trust-stores.md §4).
 */
export function parseNssListing(stdout: string): NssListing[] {
  const out: NssListing[] = [];
  for (const line of stdout.split('\n')) {
    if (/^Certificate Nickname\s+Trust Attributes/.test(line) || /^\s+SSL,S\/MIME,JAR\/XPI\s*$/.test(line)) continue;
    const m = FLAGS.exec(line);
    if (m) out.push({ nickname: m[1]!, trust: m[2]! });
  }
  return out;
}

/** Whether NSS trusts the certificate as a CA for TLS servers: `C` in the SSL position (`certutil -H`). */
export function trustsForTls(trust: string): boolean {
  return (trust.split(',')[0] ?? '').includes('C');
}

/**
 * A nickname `certutil -L` can print back: its listing is line-based and pads with spaces, so
 * control characters become spaces and surrounding blanks are dropped. Everything else (quotes,
 * `$()`, `;`, a leading `-`, any Unicode) is stored literally, since argv never meets a shell.
 */
export function listableNickname(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}
