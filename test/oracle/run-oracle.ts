/**
 * The differential oracle: builds the corpus, serves it, asks every real client and Certbench the
 * same question per case, and lays the answers out as a matrix (case × client: real vs Certbench).
 */
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainService } from '../../electron/services/chain/chain-service.js';
import { pemSource } from '../../electron/services/chain/trust-sources/file-sources.js';
import { defaultServiceEnv } from '../../electron/services/service-env.js';
import { ObjectStore } from '../../electron/services/workspace/object-store.js';
import type { ChainReport } from '../../shared/model/chain.js';
import { askClients, type ClientJob } from './clients.js';
import { buildCorpus, type AiaFiles, type Scenario } from './corpus.js';
import { KNOWN_DISAGREEMENTS } from './known-disagreements.js';
import { cleanEnv, mapBounded, run } from './process.js';
import { startAiaServer, startFarm, type Endpoint, type ServerFarm } from './servers.js';
import { CLIENT_IDS, type ClientId, type Verdict } from './verdict.js';

/** Which Certbench client verdict answers for each real client. */
const FAMILY: Record<ClientId, string> = { openssl: 'openssl', curl: 'openssl', python: 'openssl', gnutls: 'gnutls', java: 'java', nss: 'nss', chromium: 'chromium' };

export interface OracleCell {
  readonly real: Verdict;
  /** Certbench's answer for this client's family. */
  readonly certbench: 'ok' | 'fail';
  readonly agree: boolean;
  /** The reason from docs/chain-oracle.md when this disagreement is known. */
  readonly known?: string;
}

export interface OracleRow {
  readonly scenario: Scenario;
  readonly cells: Partial<Record<ClientId, OracleCell>>;
  /** Certbench's report, or its error sentence when the fetch failed. */
  readonly report?: ChainReport;
  readonly error?: string;
}

export interface OracleResult {
  readonly rows: readonly OracleRow[];
  readonly seconds: number;
}

export async function runOracle(options: { clients?: readonly ClientId[]; only?: (s: Scenario) => boolean } = {}): Promise<OracleResult> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'certbench-oracle-'));
  const aiaFiles: AiaFiles = new Map();
  const aia = await startAiaServer(aiaFiles);
  let farm: ServerFarm | undefined;
  try {
    const corpus = (await buildCorpus(aia.base, aiaFiles)).filter(options.only ?? (() => true));
    farm = await startFarm(dir, corpus);
    const jobs = await mapBounded(corpus, 6, (s) => prepareJob(s, farm!, dir));
    const service = certbenchService(dir);
    const [real, certbench] = await Promise.all([
      askClients(jobs, dir, options.clients),
      mapBounded(jobs, 4, (job) => askCertbench(service, job)),
    ]);
    const rows = jobs.map((job, i) => {
      const answers = real.get(job.scenario.id)!;
      const cb = certbench[i]!;
      const cells: Partial<Record<ClientId, OracleCell>> = {};
      for (const client of CLIENT_IDS) {
        const r = answers[client];
        if (!r) continue;
        const mine = cb.verdicts[FAMILY[client]] ?? 'fail';
        const agree = r.verdict === 'n/a' || r.verdict === mine;
        cells[client] = { real: r, certbench: mine, agree, known: agree ? undefined : KNOWN_DISAGREEMENTS[`${job.scenario.id}/${client}`] };
      }
      return { scenario: job.scenario, cells, report: cb.report, error: cb.error };
    });
    return { rows, seconds: (Date.now() - started) / 1000 };
  } finally {
    await farm?.close();
    await aia.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function prepareJob(s: Scenario, farm: ServerFarm, root: string): Promise<ClientJob> {
  const dir = join(root, s.id);
  await mkdir(dir, { recursive: true });
  const anchors = s.anchors.map((a) => (typeof a === 'string' ? { pem: farm.mitmCaPem(a), ca: true } : { pem: a.pem, ca: isCa(a.der) }));
  const caFile = join(dir, 'anchors.pem');
  await writeFile(caFile, anchors.map((a) => a.pem).join(''));
  const endpoint = farm.endpoint(s);
  const pems = s.serving.kind !== 'tls' ? [] : s.serving.via && s.serving.via !== 'tinyproxy' ? await capture(s, endpoint) : s.serving.chain.map((c) => c.pem);
  const presented = await Promise.all(pems.map(async (pem, i) => {
    const file = join(dir, `presented-${i}.pem`);
    await writeFile(file, pem);
    return file;
  }));
  await writeFile(join(dir, 'presented-chain.pem'), pems.join(''));
  return { scenario: s, endpoint, dir, caFile, anchors, presented };
}

function isCa(der: Uint8Array): boolean {
  return new X509Certificate(der).ca;
}

/** What a proxy presents, as openssl s_client -showcerts sees it. */
async function capture(s: Scenario, endpoint: Endpoint): Promise<string[]> {
  const connect = endpoint.proxy ? ['-connect', `${s.host}:${endpoint.port}`, '-proxy', new URL(endpoint.proxy).host] : ['-connect', `127.0.0.1:${endpoint.port}`];
  const r = await run('openssl', ['s_client', '-showcerts', ...connect, '-servername', s.host]);
  return r.stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
}

function certbenchService(dir: string): ChainService {
  return new ChainService(defaultServiceEnv({ env: cleanEnv(), dataDir: dir }), new ObjectStore(), {
    publicRoots: pemSource(join(dir, 'no-public-roots.pem')),
    trustPaths: { mozillaDir: join(dir, 'no-mozilla'), systemBundles: [join(dir, 'no-system.pem')] },
  });
}

interface CertbenchAnswer {
  readonly verdicts: Record<string, 'ok' | 'fail'>;
  readonly report?: ChainReport;
  readonly error?: string;
}

async function askCertbench(service: ChainService, job: ClientJob): Promise<CertbenchAnswer> {
  const { host } = job.scenario;
  const { port, proxy } = job.endpoint;
  try {
    const report = await service.fetch({
      target: proxy ? `${host}:${port}` : `127.0.0.1:${port}`,
      servername: proxy ? undefined : host,
      proxy,
      // The corpus's names do not resolve: a direct attempt would ask DNS off the machine. IP cases stay on loopback.
      direct: job.scenario.direct ?? false,
      trust: [`pem:${job.caFile}`],
      aia: true,
      connectTimeoutMs: 5000,
      handshakeTimeoutMs: 5000,
    });
    return { verdicts: clientVerdicts(report), report };
  } catch (err) {
    return { verdicts: {}, error: (err as Error).message };
  }
}

function clientVerdicts(report: ChainReport): Record<string, 'ok' | 'fail'> {
  return Object.fromEntries(report.clients.map((v) => [v.client, v.trusted ? 'ok' : 'fail']));
}

/** The matrix as text: one row per case, `ok`/`--` per client, `!` after an unexplained disagreement, `~` after a known one. */
export function formatMatrix(result: OracleResult): string {
  const width = Math.max(...result.rows.map((r) => r.scenario.id.length), 8);
  const head = `${'case'.padEnd(width)}  ${CLIENT_IDS.map((c) => c.padEnd(9)).join('')} certbench`;
  const lines = result.rows.map((row) => {
    const cells = CLIENT_IDS.map((c) => {
      const cell = row.cells[c];
      if (!cell) return ''.padEnd(9);
      const mark = cell.agree ? ' ' : cell.known ? '~' : '!';
      const text = { ok: 'ok', fail: '--', 'n/a': 'n/a', error: 'ERR' }[cell.real.verdict];
      return `${text}${mark}`.padEnd(9);
    }).join('');
    const cb = row.error ? `error: ${row.error.slice(0, 60)}` : row.report?.trusted ? 'trusted' : 'not trusted';
    return `${row.scenario.id.padEnd(width)}  ${cells} ${cb}`;
  });
  return [head, ...lines, '', summaryLine(result)].join('\n');
}

/** One line for npm test's output. */
export function summaryLine(result: OracleResult): string {
  const cells = result.rows.flatMap((r) => Object.values(r.cells));
  const asked = cells.filter((c) => c.real.verdict !== 'n/a');
  const known = cells.filter((c) => !c.agree && c.known).length;
  const unexplained = cells.filter((c) => !c.agree && !c.known).length;
  const errors = cells.filter((c) => c.real.verdict === 'error').length;
  return `chain oracle: ${result.rows.length} cases × ${CLIENT_IDS.length} clients, ${asked.length} verdicts: ${asked.length - known - unexplained} agree, ${known} known disagreements (docs/chain-oracle.md), ${unexplained} unexplained, ${errors} client errors, ${result.seconds.toFixed(0)} s`;
}

/** Every disagreement not listed in docs/chain-oracle.md, one line each. */
export function unexplained(result: OracleResult): string[] {
  return result.rows.flatMap((row) =>
    Object.entries(row.cells)
      .filter(([, c]) => !c.agree && !c.known)
      .map(([client, c]) => `${row.scenario.id}/${client}: real ${c.real.verdict} (${c.real.detail}) vs Certbench ${c.certbench}`),
  );
}
