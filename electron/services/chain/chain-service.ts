import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { ChainReport, ClientFamily } from '../../../shared/model/chain.js';
import type { ServiceEnv } from '../service-env.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { analyzeChain } from './analysis/analyze-chain.js';
import { exportBundle } from './export/export-bundle.js';
import { defaultClient } from './clients/client-rules.js';
import { parseProxyUrl, proxyFromEnv, type ProxyConfig } from './fetch/proxy-url.js';
import { parseHostTarget, type HostTarget } from './fetch/target.js';
import { leafDifference, madeOutFor, probeName, worthProbing, type DirectResult, type PathFacts, type ProbeResult } from './diagnose/inspection-signs.js';
import { parseCertificate } from '../../../shared/pki/certificate-summary.js';
import { fetchPresentedChain } from './fetch/tls-fetch.js';
import { PublicRoots } from './public-roots.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { certificatesInFile } from './trust-sources/certificate-files.js';
import { mozillaSource } from './trust-sources/file-sources.js';
import { machineLocalStores, type LocalStores } from './trust-sources/local-stores.js';
import type { TrustSource } from './trust-sources/trust-source.js';
import { loadTrustSources, trustSourcesFromSpecs, type LoadedTrust, type TrustSourcePaths } from './trust-sources/trust-spec.js';

/** Progress reporting and cancellation, the same for the CLI and IPC. */
export interface ChainTask {
  readonly signal?: AbortSignal;
  readonly onProgress?: (label: string, fraction?: number) => void;
}

/** What to verify against and when; shared by fetch and verify. */
export interface VerifySettings extends ChainTask {
  /** `--trust` spellings; default the OS store. */
  readonly trust?: readonly string[];
  readonly at?: Date;
  readonly aia?: boolean;
  /** The clients whose verdicts make the headline "Trusted" and the exit code; default the OS store's client. */
  readonly clients?: readonly ClientFamily[];
}

export interface FetchRequest extends VerifySettings {
  readonly target: string;
  readonly servername?: string;
  /** `http://[user:pass@]host:port`, or `env` to take HTTPS_PROXY/NO_PROXY from the environment. */
  readonly proxy?: string;
  /** The proxy password when it should not travel in the URL (read from a file, env or prompt). */
  readonly proxyPassword?: string;
  readonly starttls?: 'smtp';
  /** Certificate files to use as candidate intermediates beside what the server sends. */
  readonly addFiles?: readonly string[];
  readonly connectTimeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
  /**
   * Through a proxy, also try the host directly for TLS-inspection evidence (default true); false
   * where a direct attempt must not leave the machine (the name would be resolved by DNS).
   */
  readonly direct?: boolean;
  /** Trust already loaded with `loadTrust` (instead of `trust`), for many fetches against the same sources. */
  readonly loadedTrust?: LoadedTrust;
}

export interface VerifyRequest extends VerifySettings {
  readonly hostname?: string;
}

export interface ChainServiceOptions {
  /** Where `system` and `mozilla` live (tests point these at fixtures). */
  readonly trustPaths?: TrustSourcePaths;
  /** The public roots a TLS-inspection root is told apart from; default Debian's Mozilla set. */
  readonly publicRoots?: TrustSource;
  /** The JDKs and NSS databases `jdks` / `nssdbs` expand to; default this machine's. */
  readonly localStores?: LocalStores;
}

/** The forgery probe's budget: it is evidence, not the job, so it never holds a fetch up for long. */
const PROBE_TIMEOUT_MS = 3000;

/** Fetches, builds, verifies and diagnoses chains: the one service behind `chain.*` and `certbench chain`. */
export class ChainService {
  readonly #publicRoots: PublicRoots;
  readonly #localStores: LocalStores;

  constructor(
    private readonly env: ServiceEnv,
    private readonly store: ObjectStore,
    private readonly options: ChainServiceOptions = {},
  ) {
    this.#publicRoots = new PublicRoots(options.publicRoots ?? mozillaSource(options.trustPaths?.mozillaDir));
    this.#localStores = options.localStores ?? machineLocalStores(env);
  }

  /** The chain a server presents, verified and diagnosed. */
  async fetch(request: FetchRequest): Promise<ChainReport> {
    const target = parseHostTarget(request.target);
    const proxy = this.#proxy(request.proxy, request.proxyPassword, target.host);
    const trust = request.loadedTrust ?? (await this.#loadTrust(request.trust));
    const added: Uint8Array[] = [];
    for (const file of request.addFiles ?? []) added.push(...(await certificatesInFile(file)));
    const fetched = await fetchPresentedChain(target, {
      servername: request.servername,
      proxy,
      starttls: request.starttls,
      connectTimeoutMs: request.connectTimeoutMs,
      handshakeTimeoutMs: request.handshakeTimeoutMs,
      signal: request.signal,
      onProgress: (label) => request.onProgress?.(label, label.startsWith('TLS') ? 0.3 : 0.1),
    });
    const hostname = request.servername || target.host;
    const [probe, direct] = await Promise.all([
      this.#probeForgery(target, fetched.certificates[0]!, hostname, proxy, request),
      proxy && request.direct !== false ? this.#compareDirect(target, fetched.certificates[0]!, fetched.servername, request) : undefined,
    ]);
    const pathFacts: PathFacts = { viaProxy: proxy !== undefined, probe, ...(direct ? { direct } : {}) };
    return this.#analyze(request, trust, { presented: fetched.certificates, added }, hostname, proxy, pathFacts, {
      kind: 'host',
      host: target.host,
      port: target.port,
      servername: fetched.servername,
      proxy: proxy?.display,
      starttls: request.starttls,
      protocol: fetched.protocol,
      cipher: fetched.cipher,
    });
  }

  /** Writes the certificates a report says were presented, in the order presented, as one PEM file. */
  savePresented(report: ChainReport, path: string): Promise<{ path: string; certificates: number }> {
    const ids = new Map(report.certificates.map((c) => [c.sha256, c.id]));
    return exportBundle(this.store, path, report.presented.map((sha) => ids.get(sha)!));
  }

  /** Certificates from files (bundle, chain, separate files in any order), verified and diagnosed. */
  async verifyFiles(files: readonly string[], request: VerifyRequest): Promise<ChainReport> {
    if (files.length === 0) throw new CertbenchError('invalid-request', 'Give at least one certificate file');
    const trust = await this.#loadTrust(request.trust);
    const presented: Uint8Array[] = [];
    for (const file of files) presented.push(...(await certificatesInFile(file)));
    return this.#analyze(request, trust, { presented }, request.hostname, undefined, undefined, { kind: 'files', files: files.map((f) => basename(f)) });
  }

  /** Pasted or dropped PEM/DER, verified like files. */
  async verifyBytes(name: string, bytes: Uint8Array, request: VerifyRequest): Promise<ChainReport> {
    const trust = await this.#loadTrust(request.trust);
    return this.#analyze(request, trust, { presented: certificateDers(bytes, name) }, request.hostname, undefined, undefined, { kind: 'files', files: [name] });
  }

  async #analyze(
    request: VerifySettings,
    trust: LoadedTrust,
    certificates: { presented: Uint8Array[]; added?: Uint8Array[] },
    hostname: string | undefined,
    proxy: ProxyConfig | undefined,
    pathFacts: PathFacts | undefined,
    origin: ChainReport['origin'],
  ): Promise<ChainReport> {
    request.onProgress?.('Building and verifying paths', 0.6);
    const report = await analyzeChain(
      {
        origin,
        ...certificates,
        anchors: trust.anchors,
        skippedTrust: trust.skipped,
        hostname,
        at: request.at ?? this.env.now(),
        headline: request.clients?.length ? request.clients : [defaultClient(this.env.platform)],
        aia: { enabled: request.aia ?? false, proxy },
        pathFacts,
        publicRoots: () => this.#publicRoots.matcher(),
        signal: request.signal,
        onProgress: (label) => request.onProgress?.(label, 0.7),
      },
      this.store,
    );
    request.onProgress?.('Done', 1);
    return report;
  }

  /**
   * TLS-inspection evidence when a proxy is on the path or a public name's leaf lacks SCTs: one
   * more handshake over the same path asking for a name no real certificate holds. A forging
   * proxy makes one out for it.
   */
  async #probeForgery(target: HostTarget, leafDer: Uint8Array, hostname: string, proxy: ProxyConfig | undefined, request: FetchRequest): Promise<ProbeResult | undefined> {
    if (!(await worthProbing(hostname, leafDer, proxy !== undefined))) return undefined;
    const name = probeName(randomBytes(4).toString('hex'));
    request.onProgress?.('Checking the path for certificate forgery', 0.4);
    try {
      const probe = await fetchPresentedChain(target, { servername: name, proxy, starttls: request.starttls, connectTimeoutMs: PROBE_TIMEOUT_MS, handshakeTimeoutMs: PROBE_TIMEOUT_MS, signal: request.signal });
      return { kind: madeOutFor(parseCertificate(probe.certificates[0]!), name) ? 'forged' : 'not-forged', name };
    } catch (err) {
      if (request.signal?.aborted) throw err;
      return { kind: 'failed', name, detail: (err as Error).message };
    }
  }

  /**
   * TLS-inspection evidence for a proxied fetch: the same host:port without the proxy, within the
   * probe's budget. A leaf with another key or issuer than the proxied one means the proxy replaced
   * it; a direct route that is closed (the usual reason for a proxy) is said, not guessed at.
   */
  async #compareDirect(target: HostTarget, proxiedLeaf: Uint8Array, servername: string, request: FetchRequest): Promise<DirectResult> {
    const where = `${target.host}:${target.port}`;
    try {
      const direct = await fetchPresentedChain(target, { servername, starttls: request.starttls, connectTimeoutMs: PROBE_TIMEOUT_MS, handshakeTimeoutMs: PROBE_TIMEOUT_MS, signal: request.signal });
      const detail = leafDifference(parseCertificate(proxiedLeaf), parseCertificate(direct.certificates[0]!));
      return detail ? { kind: 'differs', where, detail } : { kind: 'same', where };
    } catch (err) {
      if (request.signal?.aborted) throw err;
      return { kind: 'failed', where, detail: (err as Error).message };
    }
  }

  #proxy(spec: string | undefined, password: string | undefined, host: string): ProxyConfig | undefined {
    if (!spec) return undefined;
    const proxy = spec === 'env' ? proxyFromEnv(this.env.env, host) : parseProxyUrl(spec);
    return proxy && password !== undefined ? { ...proxy, password, username: proxy.username ?? '' } : proxy;
  }

  /** Loads trust sources once, for a caller that verifies many chains against them (a scan of endpoints). */
  loadTrust(specs?: readonly string[]): Promise<LoadedTrust> {
    return this.#loadTrust(specs);
  }

  async #loadTrust(specs: readonly string[] = ['system']): Promise<LoadedTrust> {
    return loadTrustSources(await trustSourcesFromSpecs(specs.length ? specs : ['system'], this.env, this.#localStores, this.options.trustPaths));
  }
}
