import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import type { ChainReport } from '../../../shared/model/chain.js';
import { CLIENT_FAMILIES, type ClientFamily } from '../../../shared/model/client-families.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { cliProgress } from '../progress.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';
import { chainReportJson, chainReportText } from './chain-report-format.js';

interface CommonOptions {
  trust?: string[];
  client?: string[];
  at?: string;
  aia?: boolean;
  json?: boolean;
}

interface FetchOptions extends CommonOptions {
  sni?: string;
  proxy?: string;
  proxyPasswordFile?: string;
  proxyPasswordEnv?: string;
  starttls?: string;
  timeout?: string;
  add?: string[];
  out?: string;
  direct?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `certbench chain fetch|verify`: exit 0 trusted, 1 not trusted, 2 input or connection error. */
export function registerChainCommands(chain: Command, ctx: CliContext): void {
  chain
    .command('fetch')
    .description('Fetch the chain a server presents and explain whether it is trusted')
    .argument('<target>', 'HOST[:PORT] (default port 443) or an https:// URL')
    .option('--sni <name>', 'server name to send (default: the host)')
    .option('--proxy <url>', 'HTTP proxy http://[user@]host:port, or "env" for HTTPS_PROXY/NO_PROXY')
    .option('--proxy-password-file <file>', 'read the proxy password from a file')
    .option('--proxy-password-env <var>', 'read the proxy password from an environment variable')
    .option('--starttls <protocol>', 'upgrade a plain connection first (smtp)')
    .option('--no-direct', 'through a proxy, do not also try the host directly (TLS-inspection evidence)')
    .option('--add <file>', 'extra intermediates to build with (repeatable); the server still lacks them', collect)
    .option('--timeout <ms>', 'connect and handshake timeout in milliseconds', '10000')
    .option('--trust <source>', 'system, mozilla, jdk[:PATH], jdks (every JDK cacerts here, one Java verdict each), nss:DIR, nssdbs (every NSS db here, one NSS verdict each), pem:PATH (repeatable; default system)', collect)
    .option('--aia', 'download missing issuers from AIA caIssuers URLs')
    .option('--client <family>', `whose verdict makes "Trusted" and the exit code: ${CLIENT_FAMILIES.join(', ')} (repeatable; default the OS store's client)`, collect)
    .option('--at <time>', 'verify at this time (ISO 8601) instead of now')
    .option('--out <file>', 'save the certificates the server presented, in its order, as PEM')
    .option('--json', 'print JSON')
    .action(async (target: string, opts: FetchOptions) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const settings = common(opts);
          if (opts.starttls !== undefined && opts.starttls !== 'smtp') throw new CertbenchError('invalid-request', '--starttls supports only smtp');
          const timeout = Number(opts.timeout);
          if (!Number.isInteger(timeout) || timeout <= 0) throw new CertbenchError('invalid-request', '--timeout must be a positive number of milliseconds');
          const proxyPassword =
            opts.proxyPasswordFile || opts.proxyPasswordEnv
              ? await readSecret(ctx.io, { file: opts.proxyPasswordFile, envVar: opts.proxyPasswordEnv }, 'Proxy password')
              : undefined;
          const { chain: service } = await ctx.services('chain');
          const report = await service.fetch({
            ...settings,
            target,
            servername: opts.sni,
            proxy: opts.proxy,
            proxyPassword,
            starttls: opts.starttls === 'smtp' ? 'smtp' : undefined,
            addFiles: opts.add,
            direct: opts.direct,
            connectTimeoutMs: timeout,
            handshakeTimeoutMs: timeout,
            onProgress: cliProgress(ctx.io),
          });
          if (opts.out) await service.savePresented(report, opts.out);
          return print(ctx, report, opts.json);
        }),
      );
    });
  chain
    .command('verify')
    .description('Verify certificates from files (any order) and explain whether they are trusted')
    .argument('<files...>', 'PEM, DER or PKCS#7 (.p7b) files: leaf, intermediates, bundles')
    .option('--host <name>', 'check the leaf against this host name or IP')
    .option('--trust <source>', 'system, mozilla, jdk[:PATH], jdks (every JDK cacerts here, one Java verdict each), nss:DIR, nssdbs (every NSS db here, one NSS verdict each), pem:PATH (repeatable; default system)', collect)
    .option('--aia', 'download missing issuers from AIA caIssuers URLs')
    .option('--client <family>', `whose verdict makes "Trusted" and the exit code: ${CLIENT_FAMILIES.join(', ')} (repeatable; default the OS store's client)`, collect)
    .option('--at <time>', 'verify at this time (ISO 8601) instead of now')
    .option('--json', 'print JSON')
    .action(async (files: string[], opts: CommonOptions & { host?: string }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const settings = common(opts);
          const { chain: service } = await ctx.services('chain');
          const report = await service.verifyFiles(files, { ...settings, hostname: opts.host, onProgress: cliProgress(ctx.io) });
          return print(ctx, report, opts.json);
        }),
      );
    });
}

function common(opts: CommonOptions): { trust?: string[]; at?: Date; aia: boolean; clients?: ClientFamily[] } {
  const families: readonly string[] = CLIENT_FAMILIES;
  const unknown = (opts.client ?? []).find((c) => !families.includes(c));
  if (unknown !== undefined) throw new CertbenchError('invalid-request', `--client "${unknown.slice(0, 40)}" is not a client family; use one of ${CLIENT_FAMILIES.join(', ')}`);
  let at: Date | undefined;
  if (opts.at !== undefined) {
    at = new Date(opts.at);
    if (Number.isNaN(at.getTime())) throw new CertbenchError('invalid-request', `--at "${opts.at}" is not a date/time (use ISO 8601, e.g. 2026-01-31T12:00:00Z)`);
  }
  return { trust: opts.trust, at, aia: Boolean(opts.aia), clients: opts.client as ClientFamily[] | undefined };
}

function print(ctx: CliContext, report: ChainReport, json: boolean | undefined): 0 | 1 {
  if (json) printJson(ctx.io, chainReportJson(report));
  else printLines(ctx.io, chainReportText(report));
  return report.trusted ? EXIT.ok : EXIT.problems;
}
