import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import type { TrustMap, TrustPlan } from '../../../shared/model/trust.js';
import { describePlan } from '../../../shared/model/trust-plan-text.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines, printWarning, writeContent } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';

const STORE_HELP = 'store id: windows-machine-root, windows-machine-ca, windows-user-root, macos-system, macos-login, linux, nss:DIR, pem:FILE';

interface ChangeOptions {
  store: string;
  dryRun?: boolean;
  json?: boolean;
}

/** `certbench trust list|add|remove|where`: the trust-store workspace on the command line. */
export function registerTrustCommand(program: Command, ctx: CliContext): void {
  const trust = program.command('trust').description('List, add and remove CA certificates in OS, NSS and PEM trust stores');

  trust
    .command('stores')
    .description('Every store Certbench finds on this machine (OS, NSS, JDK cacerts, configured); --remember adds nss:DIR or pem:FILE for good')
    .option('--remember <id>', 'keep this nss:DIR or pem:FILE store in the trust map (saved in the data folder)')
    .option('--json', 'print JSON')
    .action(async (opts: { remember?: string; json?: boolean }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { trust: service } = await ctx.services('trust');
          if (opts.remember) await service.remember(opts.remember);
          const stores = (await service.allStores()).map((s) => s.info);
          if (opts.json) printJson(ctx.io, { stores });
          else printLines(ctx.io, stores.map((s) => `${s.id}  (${s.detail}${s.readOnly ? ', read-only' : ''})`));
          return EXIT.ok;
        }),
      );
    });

  trust
    .command('list')
    .description('List the certificates a store holds')
    .requiredOption('--store <id>', STORE_HELP)
    .option('--json', 'print JSON')
    .action(async (opts: { store: string; json?: boolean }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { store, certificates } = await (await ctx.services('trust')).trust.list(opts.store);
          if (opts.json) {
            printJson(ctx.io, { store: store.id, certificates: certificates.map((c) => ({ sha256: c.sha256, subject: c.subject, notAfter: c.notAfter })) });
          } else {
            printLines(ctx.io, [
              `${store.displayName}: ${certificates.length} certificate(s)`,
              ...certificates.map((c) => `${c.sha256}  ${c.notAfter.slice(0, 10)}  ${c.role.padEnd(12)} ${c.subject}`),
            ]);
          }
          return EXIT.ok;
        }),
      );
    });

  trust
    .command('add')
    .description('Add a CA certificate (PEM or DER file with one certificate); shows the plan first')
    .argument('<file>', 'certificate file')
    .requiredOption('--store <id>', STORE_HELP)
    .option('--label <name>', 'name the store shows (NSS nickname)')
    .option('--dry-run', 'print the plan (exact commands) and change nothing')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: ChangeOptions & { label?: string }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { trust: service } = await ctx.services('trust');
          const der = await service.certificateFromFile(file);
          const options = opts.label === undefined ? {} : { label: opts.label };
          const plan = opts.dryRun ? await service.planAdd(opts.store, der, options) : await service.add(opts.store, der, options);
          report(ctx, plan, opts);
          return EXIT.ok;
        }),
      );
    });

  trust
    .command('remove')
    .description('Remove a certificate by file or SHA-256; shows the plan first')
    .argument('[file]', 'certificate file')
    .option('--sha256 <hex>', 'SHA-256 fingerprint of the certificate')
    .requiredOption('--store <id>', STORE_HELP)
    .option('--dry-run', 'print the plan (exact commands) and change nothing')
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, opts: ChangeOptions & { sha256?: string }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { trust: service } = await ctx.services('trust');
          const sha256 = await fingerprint(ctx, file, opts.sha256);
          const plan = opts.dryRun ? await service.planRemove(opts.store, sha256) : await service.remove(opts.store, sha256);
          report(ctx, plan, opts);
          return EXIT.ok;
        }),
      );
    });

  registerExport(trust, ctx);

  trust
    .command('where')
    .description('Trust map: which stores on this machine hold the certificate (exit 1 when none does)')
    .argument('[file]', 'certificate file')
    .option('--sha256 <hex>', 'SHA-256 fingerprint of the certificate')
    .option('--store <id...>', 'also check these stores (nss:DIR, pem:FILE, …)')
    .option('--add-missing', 'add the certificate to every writable store that lacks it')
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, opts: { sha256?: string; store?: string[]; addMissing?: boolean; json?: boolean }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { trust: service } = await ctx.services('trust');
          const extra = opts.store ?? [];
          if (!file && !opts.sha256) throw new CertbenchError('invalid-request', 'give a certificate FILE or --sha256');
          const der = file ? await service.certificateFromFile(file) : undefined;
          if (opts.addMissing) {
            if (!der) throw new CertbenchError('invalid-request', '--add-missing needs the certificate FILE');
            const results = await service.addToAllMissing(der, extra);
            if (opts.json) printJson(ctx.io, { results });
            else printLines(ctx.io, results.map((r) => `${r.outcome.padEnd(16)} ${r.store.id}${r.message ? `  (${r.message})` : ''}`));
            return results.some((r) => r.outcome === 'failed') ? EXIT.problems : EXIT.ok;
          }
          const map = der ? await service.where(der, extra) : await service.whereSha256(opts.sha256!, extra);
          if (opts.json) printJson(ctx.io, map);
          else printMap(ctx, map);
          return map.rows.some((r) => r.state === 'present') ? EXIT.ok : EXIT.problems;
        }),
      );
    });
}

function registerExport(trust: Command, ctx: CliContext): void {
  trust
    .command('export')
    .description('Fleet export: a macOS .mobileconfig, a PowerShell script, an Ansible playbook or a POSIX shell script for a root')
    .argument('<file>', 'certificate file')
    .requiredOption('--format <format>', 'mobileconfig | powershell | ansible | shell')
    .option('--out <path>', 'write here instead of stdout')
    .option('--nss-db <dir...>', 'ansible: also add to these NSS databases')
    .option('--java-cacerts <path...>', 'ansible: also import into these JDK cacerts')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { format: string; out?: string; nssDb?: string[]; javaCacerts?: string[]; json?: boolean }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { FleetFormatSchema, exportForFleet } = await import('../../services/fleet-export/fleet-export-service.js');
          const format = FleetFormatSchema.safeParse(opts.format);
          if (!format.success) throw new CertbenchError('invalid-request', `--format must be one of ${FleetFormatSchema.options.join(', ')}`);
          const der = await (await ctx.services('trust')).trust.certificateFromFile(file);
          const result = exportForFleet(der, format.data, { nssDbs: opts.nssDb ?? [], javaCacerts: opts.javaCacerts ?? [] });
          for (const w of result.warnings) printWarning(ctx.io, w);
          if (opts.out) {
            const { writeFile } = await import('node:fs/promises');
            await writeFile(opts.out, result.content).catch(async (err: unknown) => {
              throw (await import('../../services/files/read-input.js')).fsError(err, opts.out!);
            });
          }
          if (opts.json) printJson(ctx.io, { ...result, ...(opts.out ? { writtenTo: opts.out } : {}) });
          else if (!opts.out) writeContent(ctx.io, result.content);
          return EXIT.ok;
        }),
      );
    });
}

async function fingerprint(ctx: CliContext, file: string | undefined, sha256: string | undefined): Promise<string> {
  if (file && sha256) throw new CertbenchError('invalid-request', 'give either a certificate FILE or --sha256, not both');
  if (sha256) return sha256;
  if (!file) throw new CertbenchError('invalid-request', 'give a certificate FILE or --sha256');
  const [{ trust }, { sha256Hex }] = await Promise.all([ctx.services('trust'), import('../../../shared/pki/hash.js')]);
  return sha256Hex(await trust.certificateFromFile(file));
}

function report(ctx: CliContext, plan: TrustPlan, opts: { dryRun?: boolean; json?: boolean }): void {
  if (opts.json) {
    printJson(ctx.io, { plan, done: !opts.dryRun });
    return;
  }
  printLines(ctx.io, [
    ...describePlan(plan),
    ...(!opts.dryRun && !plan.alreadyDone ? [`done: ${plan.action === 'add' ? 'added' : 'removed'} and confirmed by re-listing ${plan.storeId}`] : []),
    ...(opts.dryRun ? ['dry run: nothing was changed'] : []),
  ]);
}

function printMap(ctx: CliContext, map: TrustMap): void {
  printLines(ctx.io, [
    `${map.subject} (${map.role})`,
    `SHA-256 ${map.sha256}`,
    ...map.rows.map((row) => {
      const state = row.state === 'present' ? 'present' : row.state === 'missing' ? 'missing' : `error: ${row.error ?? ''}`;
      return `  ${state.padEnd(8)} ${row.store.id}  (${row.store.detail})`;
    }),
  ]);
}
