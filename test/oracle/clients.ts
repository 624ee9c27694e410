/**
 * The real clients the oracle asks, each given only the case's anchors from temp files (never the
 * host's stores): openssl s_client, curl, gnutls-cli (certtool on the captured chain through a
 * proxy), Python's ssl, Java (one `java OracleClient.java` run for the whole corpus), NSS vfychain
 * against a temp db, and headless Chromium with a temp NSS db (one browser per anchor set).
 */
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_IDS, type ClientId, type Verdict } from './verdict.js';
import type { Scenario } from './corpus.js';
import type { Endpoint } from './servers.js';
import { cleanEnv, mapBounded, run } from './process.js';

export { CLIENT_IDS, type ClientId };

/** Everything a client needs for one case, in files under `dir`. */
export interface ClientJob {
  readonly scenario: Scenario;
  readonly endpoint: Endpoint;
  readonly dir: string;
  /** The case's anchors as one PEM file. */
  readonly caFile: string;
  /** Each anchor with whether it is a CA (NSS marks CAs `C`, a trusted server certificate `P`). */
  readonly anchors: readonly { readonly pem: string; readonly ca: boolean }[];
  /** What the server (or the proxy) presented, as PEM files leaf first; empty when nothing was. */
  readonly presented: readonly string[];
}

const HERE = dirname(fileURLToPath(import.meta.url));
const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');
const hostPort = (url: string) => new URL(url).host;
const line = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 160);

async function opensslClient(job: ClientJob): Promise<Verdict> {
  const { host } = job.scenario;
  const { port, proxy } = job.endpoint;
  const name = isIp(host) ? ['-verify_ip', host] : ['-servername', host, '-verify_hostname', host];
  const connect = proxy ? ['-connect', `${host}:${port}`, '-proxy', hostPort(proxy)] : ['-connect', `127.0.0.1:${port}`];
  const r = await run('openssl', ['s_client', ...connect, ...name, '-verify_return_error', '-CAfile', job.caFile, '-no-CApath', '-no-CAstore']);
  const err = /verify error:num=\d+:([^\n]+)/.exec(r.stdout + r.stderr)?.[1];
  if (r.code === 0) return { verdict: 'ok', detail: 'verify return code 0' };
  return { verdict: 'fail', detail: line(err ?? (r.stderr.split('\n').find((l) => /error|refused|errno/i.test(l)) ?? r.stderr)) };
}

async function curlClient(job: ClientJob): Promise<Verdict> {
  const { host } = job.scenario;
  const { port, proxy } = job.endpoint;
  const capath = join(job.dir, 'empty-capath');
  await mkdir(capath, { recursive: true });
  const url = `https://${host}:${port}/`;
  const route = proxy ? ['-x', proxy] : isIp(host) ? [] : ['--resolve', `${host}:${port}:127.0.0.1`];
  const r = await run('curl', ['-sS', '-o', '/dev/null', '--max-time', '15', '--cacert', job.caFile, '--capath', capath, ...route, url]);
  return r.code === 0 ? { verdict: 'ok', detail: 'HTTP exchange done' } : { verdict: 'fail', detail: line(`exit ${r.code}: ${r.stderr}`) };
}

async function gnutlsClient(job: ClientJob): Promise<Verdict> {
  const { host } = job.scenario;
  if (job.endpoint.proxy) {
    // gnutls-cli has no proxy option: GnuTLS's own verifier judges the chain the proxy presented.
    if (job.presented.length === 0) return { verdict: 'fail', detail: 'nothing presented' };
    const chain = join(job.dir, 'presented-chain.pem');
    const r = await run('certtool', ['--verify', '--load-ca-certificate', job.caFile, '--infile', chain, `--verify-hostname=${host}`, '--verify-purpose=1.3.6.1.5.5.7.3.1']);
    return /Chain verification output: Verified/.test(r.stdout) && r.code === 0
      ? { verdict: 'ok', detail: 'certtool: Verified' }
      : { verdict: 'fail', detail: line(/Chain verification output: ([^\n]+)/.exec(r.stdout)?.[1] ?? r.stderr) };
  }
  const name = isIp(host) ? ['--verify-hostname', host] : ['--sni-hostname', host, '--verify-hostname', host];
  const r = await run('gnutls-cli', ['--x509cafile', job.caFile, '--port', String(job.endpoint.port), ...name, '127.0.0.1']);
  const status = /- Status: ([^\n]+)/.exec(r.stdout + r.stderr)?.[1];
  if (r.code === 0) return { verdict: 'ok', detail: 'handshake verified' };
  return { verdict: 'fail', detail: line(status ?? (r.stderr.split('\n').find((l) => /\*\*\*|error/i.test(l)) ?? r.stderr)) };
}

const PYTHON_CLIENT = `
import socket, ssl, sys
port, host, cafile = int(sys.argv[1]), sys.argv[2], sys.argv[3]
proxy = sys.argv[4] if len(sys.argv) > 4 else ''
ctx = ssl.create_default_context(cafile=cafile)
try:
    if proxy:
        ph, pp = proxy.rsplit(':', 1)
        raw = socket.create_connection((ph, int(pp)), timeout=15)
        raw.sendall(f'CONNECT {host}:{port} HTTP/1.1\\r\\nHost: {host}:{port}\\r\\n\\r\\n'.encode())
        head = b''
        while b'\\r\\n\\r\\n' not in head:
            chunk = raw.recv(4096)
            if not chunk: raise OSError('proxy closed')
            head += chunk
    else:
        raw = socket.create_connection(('127.0.0.1', port), timeout=15)
    with ctx.wrap_socket(raw, server_hostname=host) as s:
        print('ok', s.version())
except ssl.SSLCertVerificationError as e:
    print('fail', e.verify_message or e); sys.exit(1)
except Exception as e:
    print('fail', type(e).__name__, e); sys.exit(1)
`;

async function pythonClient(job: ClientJob): Promise<Verdict> {
  const script = join(job.dir, '..', 'oracle_client.py');
  const args = [script, String(job.endpoint.port), job.scenario.host, job.caFile, ...(job.endpoint.proxy ? [hostPort(job.endpoint.proxy)] : [])];
  const r = await run('python3', args, { env: cleanEnv({ PYTHONDONTWRITEBYTECODE: '1' }) });
  return r.code === 0 ? { verdict: 'ok', detail: line(r.stdout) } : { verdict: 'fail', detail: line(r.stdout || r.stderr) };
}

async function nssClient(job: ClientJob): Promise<Verdict> {
  if (job.presented.length === 0) return { verdict: 'n/a', detail: 'no chain presented (vfychain judges chains, not connections)' };
  if (job.scenario.nameCheck) return { verdict: 'n/a', detail: 'vfychain checks no host name' };
  const db = await nssDb(join(job.dir, 'nssdb'), job.anchors);
  const r = await run('vfychain', ['-d', `sql:${db}`, '-pp', '-u', '1', '-a', ...job.presented]);
  const good = /Chain is good/.test(r.stdout + r.stderr);
  return good ? { verdict: 'ok', detail: 'Chain is good' } : { verdict: 'fail', detail: line(/ERROR[^\n]*/.exec(r.stdout + r.stderr)?.[0] ?? r.stdout + r.stderr) };
}

/** A temp NSS db holding `anchors`: CAs trusted for TLS servers (`C`), other certificates as trusted peers (`P`). */
export async function nssDb(dir: string, anchors: ClientJob['anchors']): Promise<string> {
  await mkdir(dir, { recursive: true });
  const created = await run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  if (created.code !== 0) throw new Error(`certutil -N failed: ${created.stderr}`);
  for (const [i, anchor] of anchors.entries()) {
    const file = join(dir, `anchor-${i}.pem`);
    await writeFile(file, anchor.pem);
    const r = await run('certutil', ['-A', '-d', `sql:${dir}`, '-n', `anchor-${i}`, '-t', anchor.ca ? 'C,,' : 'P,,', '-a', '-i', file]);
    if (r.code !== 0) throw new Error(`certutil -A failed: ${r.stderr}`);
  }
  return dir;
}

/** Every Java verdict from one JVM (starting one per case would dominate the run). */
async function javaClients(jobs: readonly ClientJob[], dir: string): Promise<Map<string, Verdict>> {
  const list = join(dir, 'java-jobs.tsv');
  await writeFile(
    list,
    jobs.map((j) => [j.scenario.id, j.endpoint.port, j.scenario.host, j.caFile, j.endpoint.proxy ? hostPort(j.endpoint.proxy) : '-'].join('\t')).join('\n') + '\n',
  );
  const r = await run('java', [join(HERE, 'OracleClient.java'), list], { timeoutMs: 120_000 });
  const out = new Map<string, Verdict>();
  for (const row of r.stdout.split('\n')) {
    const [id, verdict, detail] = row.split('\t');
    if (id && (verdict === 'ok' || verdict === 'fail')) out.set(id, { verdict, detail: line(detail ?? '') });
  }
  for (const j of jobs) if (!out.has(j.scenario.id)) out.set(j.scenario.id, { verdict: 'error', detail: line(`java: ${r.stderr || 'no answer'}`) });
  return out;
}

/** Chromium verdicts: one headless browser per group of jobs (anchorGroups), each with its own HOME and NSS db. */
async function chromiumClients(jobs: readonly ClientJob[], dir: string): Promise<Map<string, Verdict>> {
  const { chromium } = await import('playwright-core');
  const groups = await anchorGroups(jobs);
  const out = new Map<string, Verdict>();
  await mapBounded(groups, 2, async (group, g) => {
    const home = join(dir, `chromium-home-${g}`);
    await nssDb(join(home, '.pki', 'nssdb'), [...new Map(group.flatMap((j) => j.anchors).map((a) => [a.pem, a])).values()]);
    const ports = group.map((j) => j.endpoint.port).join(',');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      env: cleanEnv({ HOME: home }),
      proxy: group[0]!.endpoint.proxy ? { server: group[0]!.endpoint.proxy } : undefined,
      args: ['--host-resolver-rules=MAP * 127.0.0.1', `--explicitly-allowed-ports=${ports}`, '--no-sandbox'],
    });
    try {
      for (const j of group) {
        const page = await browser.newPage();
        try {
          await page.goto(`https://${j.scenario.host}:${j.endpoint.port}/`, { timeout: 15_000 });
          out.set(j.scenario.id, { verdict: 'ok', detail: 'page loaded' });
        } catch (err) {
          out.set(j.scenario.id, { verdict: 'fail', detail: line(/net::[A-Z_]+/.exec(String(err))?.[0] ?? String(err)) });
        } finally {
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
  });
  return out;
}

/**
 * Jobs sharing one browser (one NSS db): same proxy, and no job's anchor could serve as an issuer
 * (or the leaf) in another job's chain, so the extra anchors cannot change any verdict. Starting a
 * browser per anchor set would dominate the run.
 */
async function anchorGroups(jobs: readonly ClientJob[]): Promise<ClientJob[][]> {
  type Names = { readonly job: ClientJob; readonly anchors: readonly { subject: string; pem: string }[]; readonly chain: ReadonlySet<string> };
  // Another job's anchor is harmless to this chain when the chain names no certificate with its subject, or trusts exactly it too.
  const harmless = (a: Names, b: Names) => b.anchors.every((x) => !a.chain.has(x.subject) || a.anchors.some((t) => t.pem === x.pem));
  const groups: Names[][] = [];
  for (const job of jobs) {
    const certs = await Promise.all(job.presented.map(async (f) => new X509Certificate(await readFile(f))));
    const mine: Names = {
      job,
      anchors: job.anchors.map((a) => ({ subject: new X509Certificate(a.pem).subject, pem: a.pem })),
      chain: new Set(certs.flatMap((c) => [c.issuer, c.subject])),
    };
    const fits = groups.find((g) => g[0]!.job.endpoint.proxy === job.endpoint.proxy && g.every((o) => harmless(o, mine) && harmless(mine, o)));
    if (fits) fits.push(mine);
    else groups.push([mine]);
  }
  return groups.map((g) => g.map((n) => n.job));
}

const PER_JOB: Partial<Record<ClientId, (job: ClientJob) => Promise<Verdict>>> = {
  openssl: opensslClient,
  curl: curlClient,
  gnutls: gnutlsClient,
  python: pythonClient,
  nss: nssClient,
};

/** Asks every client about every job; `clients` limits which. */
export async function askClients(jobs: readonly ClientJob[], dir: string, clients: readonly ClientId[] = CLIENT_IDS): Promise<Map<string, Partial<Record<ClientId, Verdict>>>> {
  await writeFile(join(dir, 'oracle_client.py'), PYTHON_CLIENT);
  const table = new Map<string, Partial<Record<ClientId, Verdict>>>(jobs.map((j) => [j.scenario.id, {}]));
  const perJob = clients.filter((c) => PER_JOB[c]);
  const tasks = jobs.flatMap((job) => perJob.map((client) => ({ job, client })));
  const batches: Promise<void>[] = [];
  const batch = (client: 'java' | 'chromium', ask: typeof javaClients) =>
    ask(jobs, dir).then(
      (m) => m.forEach((v, id) => (table.get(id)![client] = v)),
      (err: unknown) => jobs.forEach((j) => (table.get(j.scenario.id)![client] = { verdict: 'error', detail: line(String(err)) })),
    );
  if (clients.includes('java')) batches.push(batch('java', javaClients));
  if (clients.includes('chromium')) batches.push(batch('chromium', chromiumClients));
  await Promise.all([
    ...batches,
    mapBounded(tasks, 6, async ({ job, client }) => {
      try {
        table.get(job.scenario.id)![client] = await PER_JOB[client]!(job);
      } catch (err) {
        table.get(job.scenario.id)![client] = { verdict: 'error', detail: line(String(err)) };
      }
    }),
  ]);
  return table;
}
