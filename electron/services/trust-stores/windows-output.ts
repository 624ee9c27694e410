import { z } from 'zod';
import { CertbenchError } from '../../../shared/errors.js';
import { fromBase64 } from '../../../shared/pki/bytes.js';

/**
 * Constant PowerShell listing script; the store path arrives in CB_STORE_PATH, never in the
 * text. Dates are formatted by hand (PS 5.1 writes `\/Date(…)\/`, pwsh 7 ISO) and `@(…)` keeps a
 * one-item store an array (docs/trust-stores.md §1). RawData gives the DER, so SHA-256 is computed
 * here rather than trusting the SHA-1 thumbprint. Not run on a real Windows machine: tested on
 * this text and on a JSON sample in test/fixtures/trust/.
 */
export const WINDOWS_LIST_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '[Console]::OutputEncoding = [Text.Encoding]::UTF8',
  'ConvertTo-Json -Compress -InputObject @(Get-ChildItem -LiteralPath $env:CB_STORE_PATH | ForEach-Object {',
  "  [pscustomobject]@{ Thumbprint = $_.Thumbprint; Subject = $_.Subject; NotAfter = $_.NotAfter.ToUniversalTime().ToString('o'); RawData = [Convert]::ToBase64String($_.RawData) }",
  '})',
].join('\n');

const ListedSchema = z.object({
  Thumbprint: z.string(),
  Subject: z.string(),
  NotAfter: z.string(),
  RawData: z.string(),
});

/** One certificate from the listing: its SHA-1 thumbprint as Windows names it, and its DER. */
export interface WindowsListed {
  readonly thumbprint: string;
  readonly der: Uint8Array;
}

/** Parses the listing script's JSON (an array, or one object from older hosts; empty = none). */
export function parseWindowsListing(stdout: string): WindowsListed[] {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  if (text === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CertbenchError('parse', `PowerShell printed something other than JSON: ${text.slice(0, 80)}`, { cause: err });
  }
  const parsed = z.array(ListedSchema).safeParse(Array.isArray(json) ? json : [json]);
  if (!parsed.success) throw new CertbenchError('parse', 'PowerShell listing has an unexpected shape');
  return parsed.data.map((row) => ({ thumbprint: row.Thumbprint.toLowerCase(), der: fromBase64(row.RawData) }));
}

/**
 * The SHA-1 hashes `certutil.exe [-user] -store NAME` lists, one per `==== Certificate N ====`
 * block, from its `Cert Hash(sha1):` line. Only the `(sha1)` part is matched because the label is
 * localized (`Hash certificato (sha1)`), and older builds print the hash with spaces
 * (docs/trust-stores.md §1). Not run on a real Windows machine: tested on a documented-format sample.
 */
export function parseCertutilStore(stdout: string): string[] {
  const hashes: string[] = [];
  for (const block of stdout.replace(/\r\n?/g, '\n').split(/^=+ .* \d+ =+$/m).slice(1)) {
    const hex = /\(sha1\):\s*((?:[0-9a-f]{2} ?){20})\s*$/im.exec(block)?.[1]?.replace(/ /g, '').toLowerCase();
    if (!hex) throw new CertbenchError('parse', 'certutil -store printed a certificate block without its SHA-1 hash');
    hashes.push(hex);
  }
  return hashes;
}
