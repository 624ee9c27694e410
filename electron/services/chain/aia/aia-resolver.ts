import { sha256Hex } from '../../../../shared/pki/hash.js';
import { parseCertificate } from '../../../../shared/pki/certificate-summary.js';
import { downloadHttp, type DownloadLimits } from './aia-download.js';
import { certificateDers } from '../../../../shared/pki/certificate-input.js';
import { caIssuersUrls } from './aia-urls.js';

/** One AIA download's outcome, kept so a diagnosis can say whether AIA could complete the chain. */
export interface AiaAttempt {
  readonly url: string;
  /** SHA-256 of the certificate whose AIA named the URL. */
  readonly forCertificate: string;
  readonly certificates: Uint8Array[];
  readonly error?: string;
}

export interface AiaOptions extends DownloadLimits {
  /** True when some certificate already at hand (pool or trust anchors) issued `der`. */
  readonly hasIssuer: (der: Uint8Array) => boolean;
  readonly maxDownloads?: number;
  readonly onProgress?: (label: string) => void;
}

const DEFAULT_MAX_DOWNLOADS = 8;

/**
 * Follows caIssuers links up from every certificate whose issuer is missing, breadth first, until
 * each found issuer is known or the download budget is spent. Failures are recorded, not thrown,
 * except cancellation.
 */
export async function completeWithAia(start: readonly Uint8Array[], options: AiaOptions): Promise<AiaAttempt[]> {
  const attempts: AiaAttempt[] = [];
  const tried = new Set<string>();
  const budget = options.maxDownloads ?? DEFAULT_MAX_DOWNLOADS;
  let frontier = start.filter((der) => !options.hasIssuer(der));
  const pool = [...start];
  while (frontier.length > 0 && attempts.length < budget) {
    const next: Uint8Array[] = [];
    for (const der of frontier) {
      for (const url of safeUrls(der)) {
        if (tried.has(url) || attempts.length >= budget) continue;
        tried.add(url);
        options.onProgress?.(`Fetching issuer from ${url}`);
        const attempt = await tryOne(url, sha256Hex(der), options);
        attempts.push(attempt);
        for (const found of attempt.certificates) {
          pool.push(found);
          if (!options.hasIssuer(found) && !isSelfIssued(found)) next.push(found);
        }
      }
    }
    frontier = next;
  }
  return attempts;
}

async function tryOne(url: string, forCertificate: string, options: AiaOptions): Promise<AiaAttempt> {
  try {
    const body = await downloadHttp(url, options);
    return { url, forCertificate, certificates: certificateDers(body, url) };
  } catch (err) {
    if ((err as { code?: string }).code === 'cancelled') throw err;
    return { url, forCertificate, certificates: [], error: (err as Error).message };
  }
}

function safeUrls(der: Uint8Array): string[] {
  try {
    return caIssuersUrls(parseCertificate(der));
  } catch {
    return [];
  }
}

function isSelfIssued(der: Uint8Array): boolean {
  try {
    const cert = parseCertificate(der);
    return cert.subject === cert.issuer;
  } catch {
    return true;
  }
}
