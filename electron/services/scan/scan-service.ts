import { CertbenchError } from '../../../shared/errors.js';
import type { ChainReport } from '../../../shared/model/chain.js';
import type { ScanFinding, ScanKind, ScanProblem, ScanReport } from '../../../shared/model/scan.js';
import { findPemBlocks } from '../../../shared/pki/pem.js';
import { summarizeCertificate } from '../../../shared/pki/certificate-summary.js';
import type { ChainService } from '../chain/chain-service.js';
import type { KeystoreService, StoreSelector } from '../keystore/keystore-service.js';
import { readKeystore } from '../keystore/keystore-reader.js';
import type { ServiceEnv } from '../service-env.js';
import type { TrustService } from '../trust-stores/trust-service.js';
import { certificatesInFile } from './file-certificates.js';
import { byTimeLeft, findingOf, placeText, type FindingPlace } from './finding.js';
import { walkFolders } from './folder-walk.js';
import { runLimited } from './run-limited.js';
import { readScanTargets, rememberScanTargets, type ScanTargets } from './scan-targets.js';

/** A server to probe: `host:port`, and the SNI name when it differs from the host. */
export interface EndpointTarget {
  readonly target: string;
  readonly servername?: string;
}

export interface ScanRequest {
  /** Folders (walked recursively) and single files. */
  readonly folders?: readonly string[];
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly keystores?: readonly StoreSelector[];
  /** Trust store ids as `certbench trust` spells them (`linux`, `nss:DIR`, `jdk:HOME`, …). */
  readonly trustStores?: readonly string[];
  readonly endpoints?: readonly EndpointTarget[];
  /** `http://host:port` or `env`, as for `chain fetch`. */
  readonly proxy?: string;
  readonly proxyPassword?: string;
  /** Trust sources the endpoint chains are verified against (default: the system store). */
  readonly trust?: readonly string[];
  /** Endpoints probed at once. */
  readonly concurrency?: number;
  /** Per-endpoint limit for connecting and for the handshake. */
  readonly timeoutMs?: number;
  /** Findings with less than this left are `expiring`. */
  readonly windowMs: number;
}

/** How far a scan has come: `done` of `total` places (files, keystores, stores, endpoints). */
export interface ScanProgress {
  readonly label: string;
  readonly done: number;
  readonly total: number;
}

export interface ScanTask {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
}

const FILE_READERS = 16;
const DEFAULT_CONCURRENCY = 32;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One inventory over folders, keystores, trust stores and endpoints: every certificate with where it
 * lives and how long it has left. A place that cannot be read is a problem in the report, never the
 * end of the scan. The CLI's `scan` and the app's Expiry workspace both call this.
 */
export class ScanService {
  /** The DER of every certificate the last scan found, by SHA-256: a row's renewal reads its certificate here. */
  readonly #ders = new Map<string, Uint8Array>();

  constructor(
    private readonly env: ServiceEnv,
    private readonly keystores: KeystoreService,
    private readonly trust: TrustService,
    private readonly chain: ChainService,
  ) {}

  async scan(request: ScanRequest, task: ScanTask = {}): Promise<ScanReport> {
    const now = this.env.now();
    this.#ders.clear();
    const findings: ScanFinding[] = [];
    const problems: ScanProblem[] = [];
    const problem = (kind: ScanKind, where: string, err: unknown) => {
      if (err instanceof CertbenchError && err.code === 'cancelled') throw err;
      problems.push({ kind, where, code: err instanceof CertbenchError ? err.code : 'internal', message: (err as Error)?.message ?? String(err) });
    };
    // One damaged certificate is a problem at its own place (file, keystore#alias, store#label):
    // the other entries of its keystore or store are still listed.
    const add = (der: Uint8Array, place: FindingPlace) => {
      let finding: ScanFinding;
      try {
        finding = findingOf(summarizeCertificate(der, now), place, now, request.windowMs);
      } catch (err) {
        problem(place.kind, placeText(place), err);
        return;
      }
      this.#ders.set(finding.sha256, der);
      findings.push(finding);
    };

    const walked = request.folders?.length ? await walkFolders(request.folders, { include: request.include, exclude: request.exclude, signal: task.signal }) : { files: [], problems: [] };
    for (const p of walked.problems) problem('file', p.path, p.error);
    const keystores = request.keystores ?? [];
    const stores = request.trustStores ?? [];
    const endpoints = request.endpoints ?? [];
    const total = walked.files.length + keystores.length + stores.length + endpoints.length;
    let done = 0;
    const step = (label: string) => task.onProgress?.({ label, done: ++done, total });

    await runLimited(
      walked.files,
      FILE_READERS,
      async (path) => {
        try {
          for (const c of await certificatesInFile(path)) add(c.der, c.alias === undefined ? { kind: 'file', path } : { kind: 'keystore', path, alias: c.alias });
        } catch (err) {
          problem('file', path, err);
        }
        step('Reading files');
      },
      task.signal,
    );
    for (const selector of keystores) {
      this.#checkCancel(task.signal);
      const label = selector.path ?? selector.jdkHome ?? '';
      try {
        const ref = await this.keystores.resolve(selector);
        const store = await readKeystore(ref.path, ref.password);
        for (const entry of store.entries) for (const c of entry.certificates) add(c.der, { kind: 'keystore', path: ref.path, alias: entry.alias });
      } catch (err) {
        problem('keystore', label, err);
      }
      step('Reading keystores');
    }
    for (const id of stores) {
      this.#checkCancel(task.signal);
      try {
        const store = await this.trust.store(id);
        if (!(await store.available())) throw new CertbenchError('not-found', `Trust store ${id} is not present on this machine`);
        for (const c of await store.list()) {
          if (c.der) add(c.der, { kind: 'trust-store', storeId: id, ...(c.label === undefined ? {} : { alias: c.label }) });
        }
      } catch (err) {
        problem('trust-store', id, err);
      }
      step('Reading trust stores');
    }
    // The system store parses in about as long as a loopback handshake takes: once per scan, not per endpoint.
    const loadedTrust = endpoints.length ? await this.chain.loadTrust(request.trust) : undefined;
    await runLimited(
      endpoints,
      request.concurrency ?? DEFAULT_CONCURRENCY,
      async (endpoint) => {
        try {
          const report = await this.chain.fetch({
            target: endpoint.target,
            ...(endpoint.servername ? { servername: endpoint.servername } : {}),
            ...(request.proxy ? { proxy: request.proxy } : {}),
            ...(request.proxyPassword !== undefined ? { proxyPassword: request.proxyPassword } : {}),
            ...(loadedTrust ? { loadedTrust } : {}),
            connectTimeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            handshakeTimeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            ...(task.signal ? { signal: task.signal } : {}),
          });
          const finding = endpointFinding(report, endpoint.target, now, request.windowMs);
          const leaf = report.certificates.find((c) => c.sha256 === finding.sha256);
          if (leaf) this.#ders.set(finding.sha256, findPemBlocks(leaf.pem)[0]!.der);
          findings.push(finding);
        } catch (err) {
          problem('endpoint', endpoint.target, err);
        }
        step('Probing endpoints');
      },
      task.signal,
    );
    this.#checkCancel(task.signal);
    return { scannedAt: now.toISOString(), windowMs: request.windowMs, findings: findings.sort(byTimeLeft), problems, filesSeen: walked.files.length };
  }

  /**
   * Everything Certbench can see on this machine: every trust store it finds (OS, NSS, each JDK's
   * cacerts, configured ones) and the folders and endpoints the user asked it to remember.
   */
  async scanMachine(windowMs: number, task: ScanTask = {}): Promise<ScanReport> {
    const targets = await readScanTargets(this.env.dataDir);
    const stores: string[] = [];
    for (const store of await this.trust.allStores()) if (await store.available().catch(() => false)) stores.push(store.id);
    return this.scan({ folders: targets.folders, trustStores: stores, endpoints: targets.endpoints.map((target) => ({ target })), windowMs }, task);
  }

  remember(added: Partial<ScanTargets>): Promise<ScanTargets> {
    return rememberScanTargets(this.env.dataDir, added);
  }

  targets(): Promise<ScanTargets> {
    return readScanTargets(this.env.dataDir);
  }

  /** A certificate a scan found, for renewing it. */
  certificate(sha256: string): Uint8Array {
    const der = this.#ders.get(sha256);
    if (!der) throw new CertbenchError('not-found', `No certificate ${sha256.slice(0, 16)}… in the last scan: scan again`);
    return der;
  }

  #checkCancel(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw new CertbenchError('cancelled', 'The scan was cancelled');
  }
}

/** The leaf an endpoint presented, with the chain's verdict and its earliest expiry. */
function endpointFinding(report: ChainReport, endpoint: string, now: Date, windowMs: number): ScanFinding {
  const bySha = new Map(report.certificates.map((c) => [c.sha256, c.summary]));
  const presented = report.presented.flatMap((sha) => bySha.get(sha) ?? []);
  const leaf = presented[0];
  if (!leaf) throw new CertbenchError('connection', `${endpoint} presented no certificate`);
  const earliest = presented.reduce((a, b) => (b.notAfter < a.notAfter ? b : a)).notAfter;
  const chain = { trusted: report.trusted, problems: report.diagnoses.map((d) => d.code), earliestNotAfter: earliest };
  return findingOf(leaf, { kind: 'endpoint', endpoint, chain }, now, windowMs);
}
