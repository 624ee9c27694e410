import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import { CertbenchError } from '../../../../shared/errors.js';
import { rememberDecodedKey } from '../engine/public-key.js';
import { connectThroughProxy } from './proxy-connect.js';
import type { ProxyConfig } from './proxy-url.js';
import { smtpStartTls } from './smtp-starttls.js';
import { tcpConnect, withLimits } from './socket-io.js';
import type { HostTarget } from './target.js';

export interface FetchOptions {
  /** SNI to send; defaults to the host when it is a name (RFC 6066 §3 forbids IP literals). */
  readonly servername?: string;
  readonly proxy?: ProxyConfig;
  readonly starttls?: 'smtp';
  readonly connectTimeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (label: string) => void;
}

/** What a server presented in one handshake. */
export interface FetchedChain {
  readonly protocol: string;
  readonly cipher: string;
  readonly servername: string;
  /** DER of each certificate in the order the server sent it, duplicates and strays kept. */
  readonly certificates: Uint8Array[];
}

const MAX_PRESENTED = 64;

let clientContext: SecureContext | undefined;

/**
 * One client context for every fetch (building one costs about as much as a loopback handshake).
 * It offers TLS 1.0 and up, so an old server is diagnosed rather than refused. Its CA list is
 * empty: the handshake never verifies (Certbench's engine does, against the chosen trust sources),
 * and loading Node's bundled roots into a context costs more than the whole handshake.
 */
function sharedContext(): SecureContext {
  clientContext ??= createSecureContext({ minVersion: 'TLSv1', ca: [] });
  return clientContext;
}

/**
 * Completes one TLS handshake (never verifying, never sending application data) and returns the
 * certificates exactly as sent. `getPeerCertificate(true)` would not do: Node rebuilds that list
 * by issuer links, dropping strays and reordering. The X509Certificate from
 * `getPeerX509Certificate()` links `issuerCertificate` to the next entry of OpenSSL's
 * SSL_get_peer_cert_chain as received, so walking it keeps the order (checked by an integration
 * test that serves a shuffled chain with a stray certificate).
 */
export async function fetchPresentedChain(target: HostTarget, options: FetchOptions = {}): Promise<FetchedChain> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
  const limits = { timeoutMs: connectTimeoutMs, signal: options.signal };
  const where = `${target.host}:${target.port}`;
  options.onProgress?.(options.proxy ? `Connecting to ${where} through ${options.proxy.display}` : `Connecting to ${where}`);
  const servername = options.servername ?? (isIP(target.host) ? '' : target.host);
  const tlsOptions = {
    // RFC 6066 §3: SNI carries host names only; an IP literal is checked against the IP SANs instead.
    servername: servername && !isIP(servername) ? servername : undefined,
    rejectUnauthorized: false,
    secureContext: sharedContext(),
  };
  let tls: TLSSocket;
  if (options.proxy || options.starttls) {
    let socket: Socket = options.proxy
      ? await connectThroughProxy(options.proxy, target.host, target.port, limits)
      : await tcpConnect(target.host, target.port, { ...limits, what: `connect to ${where}` });
    if (options.starttls === 'smtp') socket = await smtpStartTls(socket, limits);
    tls = tlsConnect({ socket, ...tlsOptions });
  } else {
    // Straight to TLS, one socket: wrapping a connected net.Socket builds a second socket object
    // and its limits (~0.15 ms a fetch). The handshake starts on connect; its own limits follow.
    tls = tlsConnect({ host: target.host, port: target.port, ...tlsOptions });
    await withLimits(tls, { ...limits, what: `connect to ${where}` }, () => new Promise<void>((resolve) => tls.once('connect', () => resolve())));
  }
  options.onProgress?.(`TLS handshake with ${where}`);
  try {
    await withLimits(tls, { timeoutMs: handshakeTimeoutMs, signal: options.signal, what: `TLS handshake with ${where}` }, () =>
      new Promise<void>((resolve) => tls.once('secureConnect', () => resolve())),
    ).catch((err: unknown) => {
      throw handshakeError(err, where);
    });
    const certificates = presentedCertificates(tls);
    if (certificates.length === 0) throw new CertbenchError('connection', `${where} completed the handshake without a certificate`);
    const cipher = tls.getCipher();
    return { protocol: tls.getProtocol() ?? 'unknown', cipher: cipher.standardName || cipher.name, servername, certificates };
  } finally {
    closeGently(tls);
  }
}

/** OpenSSL's record-layer errors when the peer's first bytes are not a TLS record. */
const NOT_TLS = /wrong version number|http request|packet length too long|unknown protocol|record layer failure/i;

/** OpenSSL's handshake errors in words: a plain-HTTP port gets its own sentence, raw error codes go. */
function handshakeError(err: unknown, where: string): unknown {
  if (!(err instanceof Error) || (err instanceof CertbenchError && err.code !== 'connection')) return err;
  if (NOT_TLS.test(err.message)) {
    return new CertbenchError('connection', `${where} does not speak TLS: it answered in plain HTTP or another protocol. Use the port that serves HTTPS (often 443), or STARTTLS for mail ports.`, { cause: err });
  }
  const reason = /:SSL routines:[^:]*:([^:]+):/.exec(err.message)?.[1];
  return reason ? new CertbenchError('connection', `TLS handshake with ${where} failed: ${reason}`, { cause: err }) : err;
}

const CLOSE_GRACE_MS = 1000;

/**
 * Ends the connection with close_notify after our Finished has been flushed, so the server sees a
 * completed handshake and a clean close rather than an aborted one; destroyed if it lingers.
 */
function closeGently(tls: TLSSocket): void {
  if (tls.destroyed) return;
  const timer = setTimeout(() => tls.destroy(), CLOSE_GRACE_MS);
  tls.once('close', () => clearTimeout(timer));
  tls.on('error', () => undefined);
  tls.end();
}

function presentedCertificates(tls: TLSSocket): Uint8Array[] {
  const out: Uint8Array[] = [];
  let cert: X509Certificate | undefined = tls.getPeerX509Certificate();
  while (cert && out.length < MAX_PRESENTED) {
    const der = new Uint8Array(cert.raw);
    try {
      rememberDecodedKey(der, cert.publicKey);
    } catch {
      // OpenSSL could not decode the key: the engine decodes it again and reports why.
    }
    out.push(der);
    cert = cert.issuerCertificate;
  }
  return out;
}
