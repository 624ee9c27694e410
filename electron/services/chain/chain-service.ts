import { basename } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import type { ChainReport } from '../../../shared/model/chain.js';
import type { ServiceEnv } from '../service-env.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { analyzeChain } from './analysis/analyze-chain.js';
import { parseProxyUrl, proxyFromEnv, type ProxyConfig } from './fetch/proxy-url.js';
import { parseHostTarget } from './fetch/target.js';
import { fetchPresentedChain } from './fetch/tls-fetch.js';
import { PublicRoots } from './public-roots.js';
import { certificatesFromContainer } from './certificate-container.js';
import { certificatesInFile } from './trust-sources/certificate-files.js';
import { mozillaSource } from './trust-sources/file-sources.js';
import type { TrustAnchors, TrustSource } from './trust-sources/trust-source.js';
import { trustSourceFromSpec, type TrustSourcePaths } from './trust-sources/trust-spec.js';

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
  /** Trust already loaded with `loadTrust` (instead of `trust`), for many fetches against the same sources. */
  readonly anchors?: readonly TrustAnchors[];
}

export interface VerifyRequest extends VerifySettings {
  readonly hostname?: string;
}

export interface ChainServiceOptions {
  /** Where `system` and `mozilla` live (tests point these at fixtures). */
  readonly trustPaths?: TrustSourcePaths;
  /** The public roots a TLS-inspection root is told apart from; default Debian's Mozilla set. */
  readonly publicRoots?: TrustSource;
}

/** Fetches, builds, verifies and diagnoses chains: the one service behind `chain.*` and `certbench chain`. */
export class ChainService {
  readonly #publicRoots: PublicRoots;

  constructor(
    private readonly env: ServiceEnv,
    private readonly store: ObjectStore,
    private readonly options: ChainServiceOptions = {},
  ) {
    this.#publicRoots = new PublicRoots(options.publicRoots ?? mozillaSource(options.trustPaths?.mozillaDir));
  }

  /** The chain a server presents, verified and diagnosed. */
  async fetch(request: FetchRequest): Promise<ChainReport> {
    const target = parseHostTarget(request.target);
    const proxy = this.#proxy(request.proxy, request.proxyPassword, target.host);
    const anchors = request.anchors ? [...request.anchors] : await this.#loadTrust(request.trust);
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
    return this.#analyze(request, anchors, { presented: fetched.certificates, added }, hostname, proxy, {
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

  /** Certificates from files (bundle, chain, separate files in any order), verified and diagnosed. */
  async verifyFiles(files: readonly string[], request: VerifyRequest): Promise<ChainReport> {
    if (files.length === 0) throw new CertbenchError('invalid-request', 'Give at least one certificate file');
    const anchors = await this.#loadTrust(request.trust);
    const presented: Uint8Array[] = [];
    for (const file of files) presented.push(...(await certificatesInFile(file)));
    return this.#analyze(request, anchors, { presented }, request.hostname, undefined, { kind: 'files', files: files.map((f) => basename(f)) });
  }

  /** Pasted or dropped PEM/DER, verified like files. */
  async verifyBytes(name: string, bytes: Uint8Array, request: VerifyRequest): Promise<ChainReport> {
    const anchors = await this.#loadTrust(request.trust);
    return this.#analyze(request, anchors, { presented: await certificatesFromContainer(bytes, name) }, request.hostname, undefined, { kind: 'files', files: [name] });
  }

  async #analyze(
    request: VerifySettings,
    anchors: TrustAnchors[],
    certificates: { presented: Uint8Array[]; added?: Uint8Array[] },
    hostname: string | undefined,
    proxy: ProxyConfig | undefined,
    origin: ChainReport['origin'],
  ): Promise<ChainReport> {
    request.onProgress?.('Building and verifying paths', 0.6);
    const report = await analyzeChain(
      {
        origin,
        ...certificates,
        anchors,
        hostname,
        at: request.at ?? this.env.now(),
        aia: { enabled: request.aia ?? false, proxy },
        publicRoots: () => this.#publicRoots.matcher(),
        signal: request.signal,
        onProgress: (label) => request.onProgress?.(label, 0.7),
      },
      this.store,
    );
    request.onProgress?.('Done', 1);
    return report;
  }

  #proxy(spec: string | undefined, password: string | undefined, host: string): ProxyConfig | undefined {
    if (!spec) return undefined;
    const proxy = spec === 'env' ? proxyFromEnv(this.env.env, host) : parseProxyUrl(spec);
    return proxy && password !== undefined ? { ...proxy, password, username: proxy.username ?? '' } : proxy;
  }

  /** Loads trust sources once, for a caller that verifies many chains against them (a scan of endpoints). */
  loadTrust(specs?: readonly string[]): Promise<TrustAnchors[]> {
    return this.#loadTrust(specs);
  }

  async #loadTrust(specs: readonly string[] = ['system']): Promise<TrustAnchors[]> {
    const sources = (specs.length ? specs : ['system']).map((s) => trustSourceFromSpec(s, this.env, this.options.trustPaths));
    return Promise.all(sources.map((s) => s.load()));
  }
}
