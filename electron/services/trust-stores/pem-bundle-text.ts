import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { toPem } from '../../../shared/pki/pem.js';

/** One certificate block of a bundle and where its text sits, so removal keeps the rest byte for byte. */
export interface BundleBlock {
  readonly der: Uint8Array;
  readonly sha256: string;
  readonly start: number;
  readonly end: number;
}

const BLOCK = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----[\s\S]*?-----END (?:X509 |TRUSTED )?CERTIFICATE-----[^\S\n]*\n?/g;

/** The marker line Certbench writes above a block it appended; names the block by fingerprint only. */
export const markerLine = (sha256: string): string => `# Certbench added sha256:${sha256}\n`;

/** Every certificate block in the bundle's text with its span (RFC 7468 textual encoding). */
export function bundleBlocks(text: string): BundleBlock[] {
  const out: BundleBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    for (const der of certificateDers(new TextEncoder().encode(m[0]))) {
      out.push({ der, sha256: sha256Hex(der), start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

/**
 * The bundle with the certificate appended as PEM under a marker line; the marker names only the
 * fingerprint, so no subject text (which may hold anything) lands in the file.
 */
export function appendToBundle(text: string, der: Uint8Array): string {
  const separator = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return `${text}${separator}${markerLine(sha256Hex(der))}${toPem('CERTIFICATE', der)}`;
}

/** The bundle without any block holding `sha256` (and without Certbench's marker line above it). */
export function removeFromBundle(text: string, sha256: string): string {
  let out = text;
  for (const block of bundleBlocks(text).filter((b) => b.sha256 === sha256).reverse()) {
    const marker = markerLine(sha256);
    const start = out.slice(0, block.start).endsWith(marker) ? block.start - marker.length : block.start;
    out = out.slice(0, start) + out.slice(block.end);
  }
  return out;
}
