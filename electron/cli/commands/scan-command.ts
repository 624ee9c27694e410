import { stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import type { ScanReport } from '../../../shared/model/scan.js';
import { durationText, parseDuration } from '../../../shared/scan/duration.js';
import { readInputFile } from '../../services/files/read-input.js';
import type { StoreSelector } from '../../services/keystore/keystore-service.js';
import { needsAttention } from '../../services/scan/finding.js';
import type { EndpointTarget, ScanRequest } from '../../services/scan/scan-service.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines, printWarning, writeContent } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { cliProgress } from '../progress.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';
import { collect } from './cert-command.js';

interface ScanOptions {
  include: string[];
  exclude: string[];
  keystore: string[];
  jdk: string[];
  storepassFile?: string;
  storepassEnv?: string;
  store: string[];
  endpointsFile?: string;
  sni?: string;
  proxy?: string;
  trust: string[];
  concurrency: string;
  timeout: string;
  expiringWithin: string;
  json?: boolean;
  csv?: boolean;
  prometheus?: boolean;
}

/** `certbench scan [FOLDER|FILE|HOST:PORT...]`: one expiry inventory over files, keystores, trust stores and servers. */
export function registerScanCommand(program: Command, ctx: CliContext): void {
  program
    .command('scan')
    .description('Inventory certificates in folders, keystores, trust stores and on servers, soonest expiry first; exit 1 if any is expired or expiring')
    .argument('[targets...]', 'folders (recursive) and files, or HOST:PORT endpoints')
    .option('--include <glob>', 'only files matching this glob (a glob without / matches the file name; repeatable)', collect, [])
    .option('--exclude <glob>', 'leave out files or folders matching this glob (repeatable)', collect, [])
    .option('--keystore <file>', 'a JKS/PKCS12 keystore, every alias (repeatable)', collect, [])
    .option('--jdk <home>', "a JDK's cacerts (repeatable)", collect, [])
    .option('--storepass-file <file>', 'keystore password, from the first line of this file')
    .option('--storepass-env <var>', 'keystore password, from this environment variable')
    .option('--store <id>', 'a trust store id as `certbench trust stores` lists it (repeatable)', collect, [])
    .option('--endpoints-file <file>', 'endpoints, one "HOST:PORT [SNI]" a line (# comments)')
    .option('--sni <name>', 'server name to send to the HOST:PORT endpoints given as arguments')
    .option('--proxy <url>', 'reach endpoints through this HTTP proxy (http://host:port, or env)')
    .option('--trust <source>', 'verify endpoint chains against: system, mozilla, jdk[:HOME], pem:FILE (repeatable)', collect, [])
    .option('--concurrency <n>', 'endpoints probed at once', '32')
    .option('--timeout <duration>', 'per-endpoint connect and handshake timeout', '10s')
    .option('--expiring-within <duration>', 'window that counts as expiring: 12h, 60d, 8w', '60d')
    .addOption(new Option('--json', 'print JSON').conflicts(['csv', 'prometheus']))
    .addOption(new Option('--csv', 'print CSV').conflicts(['prometheus']))
    .option('--prometheus', 'print Prometheus text-format metrics (probe_ssl_earliest_cert_expiry, ssl_cert_not_after)')
    .action(async (targets: string[], opts: ScanOptions) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const request = await scanRequest(ctx, targets, opts);
          const { scan } = await ctx.services('scan');
          const progress = cliProgress(ctx.io);
          const report = await scan.scan(request, { onProgress: (p) => progress(`${p.label} ${p.done}/${p.total}`, p.done / p.total) });
          if (opts.json) printJson(ctx.io, report);
          else if (opts.csv) writeContent(ctx.io, (await import('../../services/scan/scan-csv.js')).findingsCsv(report.findings));
          else if (opts.prometheus) writeContent(ctx.io, (await import('../../services/scan/scan-prometheus.js')).scanPrometheus(report));
          else printLines(ctx.io, reportLines(report));
          if (!opts.json) for (const p of report.problems) printWarning(ctx.io, `skipped ${p.where}: ${p.message}`);
          return report.findings.some(needsAttention) ? EXIT.problems : EXIT.ok;
        }),
      );
    });
}

async function scanRequest(ctx: CliContext, targets: readonly string[], opts: ScanOptions): Promise<ScanRequest> {
  const windowMs = durationOption('--expiring-within', opts.expiringWithin);
  const timeoutMs = durationOption('--timeout', opts.timeout);
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) throw new CertbenchError('invalid-request', '--concurrency must be a whole number from 1 to 1024');
  const folders: string[] = [];
  const endpoints: EndpointTarget[] = [];
  for (const target of targets) {
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (!exists && target.includes(':')) endpoints.push({ target, ...(opts.sni ? { servername: opts.sni } : {}) });
    else folders.push(target);
  }
  if (opts.endpointsFile) endpoints.push(...endpointsFromText(new TextDecoder().decode(await readInputFile(opts.endpointsFile))));
  const password =
    opts.storepassFile !== undefined || opts.storepassEnv !== undefined
      ? await readSecret(ctx.io, { file: opts.storepassFile, envVar: opts.storepassEnv }, 'Keystore password')
      : undefined;
  const withPassword = password === undefined ? {} : { password };
  const keystores: StoreSelector[] = [...opts.keystore.map((path) => ({ path, ...withPassword })), ...opts.jdk.map((jdkHome) => ({ jdkHome, ...withPassword }))];
  if (folders.length + keystores.length + opts.store.length + endpoints.length === 0) {
    throw new CertbenchError('invalid-request', 'Nothing to scan: give folders, files or HOST:PORT, or --keystore, --jdk, --store, --endpoints-file');
  }
  return {
    folders,
    include: opts.include,
    exclude: opts.exclude,
    keystores,
    trustStores: opts.store,
    endpoints,
    ...(opts.proxy ? { proxy: opts.proxy } : {}),
    ...(opts.trust.length ? { trust: opts.trust } : {}),
    concurrency,
    timeoutMs,
    windowMs,
  };
}

function durationOption(name: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (err) {
    throw new CertbenchError('invalid-request', `${name}: ${(err as Error).message}`);
  }
}

/** `HOST:PORT [SNI]` a line; blank lines and `#` comments skipped. */
export function endpointsFromText(text: string): EndpointTarget[] {
  return text.split(/\r?\n/).flatMap((raw) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return [];
    const [target, servername, extra] = line.split(/\s+/);
    if (extra !== undefined) throw new CertbenchError('invalid-request', `Endpoints file line "${line.slice(0, 200)}": expected HOST:PORT [SNI]`);
    return [{ target: target!, ...(servername ? { servername } : {}) }];
  });
}

function reportLines(report: ScanReport): string[] {
  const rows = report.findings.flatMap((f) => {
    const chain = f.chain ? `  chain: ${f.chain.trusted ? 'trusted' : `NOT trusted (${f.chain.problems.join(', ') || 'no path'})`}` : '';
    return [`${f.status.padEnd(13)} ${String(f.daysLeft).padStart(6)}  ${f.notAfter.slice(0, 10)}  ${f.where}`, `${' '.repeat(36)}${f.subject}  ${f.keyType}${chain}`];
  });
  const count = (s: string) => report.findings.filter((f) => f.status === s).length;
  const summary = `${report.findings.length} certificate(s): ${count('expired')} expired, ${count('expiring')} expiring within ${durationText(report.windowMs)}; ${report.problems.length} place(s) skipped`;
  return ['STATUS          DAYS  NOT AFTER   WHERE', ...rows, summary];
}
