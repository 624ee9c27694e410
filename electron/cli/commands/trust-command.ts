import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import type { IssuedPlan, SkippedStore, TrustMap } from '../../../shared/model/trust.js';
import { STORE_ID_HELP, STORE_ID_LINES, storeForRole } from '../../../shared/model/trust-store-ids.js';
import type { TrustService } from '../../services/trust-stores/trust-service.js';
import { approvePlan } from '../confirm-plan.js';
import { describePlan } from '../../../shared/model/trust-plan-text.js';
import type { CliContext } from '../cli-context.js';
import { printError, printJson, printLines, printWarning, writeContent } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { runAction } from '../run-action.js';

const STORE_HELP = `store id (see the list below): ${STORE_ID_HELP}`;
const STORE_LIST = `\nStore ids:\n${STORE_ID_LINES.map((l) => `  ${l}`).join('\n')}\n`;
const APPROVAL =
  'Prints the plan (the exact commands, their side effects and the OS they are for), then asks y/N on a terminal; ' +
  'in scripts --yes runs it, and without a terminal and --yes nothing runs (exit 2). --dry-run only prints it; a plan for ' +
  "another OS's store is always only printed.";

interface ChangeOptions {
  store: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** `certbench trust list|add|remove|where|stores|export`: the trust-store workspace on the command line. */
export function registerTrustCommands(trust: Command, ctx: CliContext): void {

  trust
    .command('stores')
    .description('Every store Certbench finds on this machine (OS, NSS, JDK cacerts, configured), with the reason when one cannot be read; --remember adds nss:DIR or pem:FILE for good')
    .option('--remember <id>', 'keep this nss:DIR or pem:FILE store in the trust map (saved in the data folder)')
    .option('--json', 'print JSON')
    .action(async (opts: { remember?: string; json?: boolean }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { trust: service } = await ctx.services('trust');
          if (opts.remember) await service.remember(opts.remember);
          const stores = await service.describeStores();
          if (opts.json) printJson(ctx.io, { stores });
          else {
            printLines(
              ctx.io,
              stores.map((s) => `${s.id}  (${s.detail}${s.unreadable ? `, cannot be read: ${s.unreadable}` : s.readOnly ? ', read-only' : ''})`),
            );
          }
          return EXIT.ok;
        }),
      );
    });

  trust
    .command('list')
    .description('List the certificates a store holds, with their trust (NSS: nickname and trust flags)')
    .requiredOption('--store <id>', STORE_HELP)
    .option('--json', 'print JSON')
    .addHelpText('after', STORE_LIST)
    .action(async (opts: { store: string; json?: boolean }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { store, certificates } = await (await ctx.services('trust')).trust.list(opts.store);
          if (store.unreadable) throw new CertbenchError('unsupported', `${store.id} cannot be read: ${store.unreadable}`);
          if (opts.json) {
            printJson(ctx.io, {
              store: store.id,
              certificates: certificates.map((c) => ({
                sha256: c.sha256,
                subject: c.subject,
                subjectRfc4514: c.subjectRfc4514,
                notAfter: c.notAfter,
                role: c.role,
                trust: c.trust,
                ...(c.trustText === undefined ? {} : { trustText: c.trustText }),
                ...(c.label === undefined ? {} : { label: c.label }),
              })),
            });
          } else {
            printLines(ctx.io, [
              `${store.displayName}: ${certificates.length} certificate(s)`,
              ...certificates.map((c) => {
                const trustText = `${c.trust}${c.trustText ? ` ${c.trustText}` : ''}`;
                return `${c.sha256}  ${c.notAfter.slice(0, 10)}  ${c.role.padEnd(12)} ${trustText.padEnd(18)} ${c.subject}${c.label ? `  [${c.label}]` : ''}`;
              }),
            ]);
          }
          return EXIT.ok;
        }),
      );
    });

  trust
    .command('add')
    .description(`Add CA certificates from a file (PEM/DER/PKCS#7 with one or several, or the CA certificates of a PFX without password). ${APPROVAL}`)
    .argument('<file>', 'certificate file')
    .requiredOption('--store <id>', STORE_HELP)
    .option('--label <name>', 'name the store shows (NSS nickname; one certificate only)')
    .option('--override-distrust', 'replace an explicit distrust (NSS p,p,p, Windows Disallowed, macOS Never Trust) with trust')
    .option('--owner <user[:group]>', 'NSS: owner of a database created by this add (an agent running as a service user)')
    .option('--dry-run', 'print the plan (exact commands) and change nothing')
    .option('--yes', 'run the plan without asking (scripts)')
    .option('--json', 'print JSON')
    .addHelpText('after', STORE_LIST)
    .action(async (file: string, opts: ChangeOptions & { label?: string; overrideDistrust?: boolean; owner?: string }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { trust: service } = await ctx.services('trust');
          const input = await service.certificatesFromFile(file);
          if (opts.label !== undefined && input.ders.length > 1) throw new CertbenchError('invalid-request', `--label names one certificate, but ${file} holds ${input.ders.length}`);
          const options = {
            ...(opts.label === undefined ? {} : { label: opts.label }),
            ...(opts.overrideDistrust ? { overrideDistrust: true } : {}),
            ...(opts.owner === undefined ? {} : { owner: opts.owner }),
          };
          for (const w of input.warnings) printWarning(ctx.io, w);
          // One plan at a time: each is made on the store as the previous run left it, so what runs is what was shown.
          const outcomes: Outcome[] = [];
          for (const der of input.ders) {
            const plan = await service.planAdd(storeForRole(opts.store, service.roleOf(der)), der, options, file);
            outcomes.push(await carryOut(ctx, service, [plan], opts, 'trust add'));
          }
          if (opts.json) printJson(ctx.io, outcomes.length === 1 ? outcomes[0]!.json : outcomes.map((o) => o.json));
          return Math.max(...outcomes.map((o) => o.code)) as ExitCode;
        }),
      );
    });

  trust
    .command('remove')
    .description(`Remove a certificate by file or SHA-256, with everything its add changed (Debian: the alias ca-certificates-java added to Java cacerts). ${APPROVAL}`)
    .argument('[file]', 'certificate file')
    .option('--sha256 <hex>', 'SHA-256 fingerprint of the certificate')
    .requiredOption('--store <id>', STORE_HELP)
    .option('--dry-run', 'print the plan (exact commands) and change nothing')
    .option('--yes', 'run the plan without asking (scripts)')
    .option('--json', 'print JSON')
    .addHelpText('after', STORE_LIST)
    .action(async (file: string | undefined, opts: ChangeOptions & { sha256?: string }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { trust: service } = await ctx.services('trust');
          if (file && opts.sha256) throw new CertbenchError('invalid-request', 'give either a certificate FILE or --sha256, not both');
          if (!file && !opts.sha256) throw new CertbenchError('invalid-request', 'give a certificate FILE or --sha256');
          const der = file ? await service.certificateFromFile(file) : undefined;
          // Loaded here: the CLI's start-up closure stays free of hashing libraries.
          const sha256 = der ? (await import('../../../shared/pki/hash.js')).sha256Hex(der) : opts.sha256!;
          const plan = await service.planRemove(opts.store, sha256, der ? { der } : {});
          const outcome = await carryOut(ctx, service, [plan], opts, 'trust remove');
          if (opts.json) printJson(ctx.io, outcome.json);
          return outcome.code;
        }),
      );
    });

  registerExport(trust, ctx);

  trust
    .command('where')
    .description(
      `Trust map: which stores on this machine hold the certificate (exit 1 when none does). --add-missing plans an add for every writable store that lacks it; ${APPROVAL}`,
    )
    .argument('[file]', 'certificate file')
    .option('--sha256 <hex>', 'SHA-256 fingerprint of the certificate')
    .option('--store <id...>', 'also check these stores (nss:DIR, pem:FILE, …)')
    .option('--add-missing', 'plan adding the certificate to every writable store that lacks it')
    .option('--dry-run', 'with --add-missing: print the plans and change nothing')
    .option('--yes', 'with --add-missing: run the plans without asking (scripts)')
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, opts: { sha256?: string; store?: string[]; addMissing?: boolean; dryRun?: boolean; yes?: boolean; json?: boolean }) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const { trust: service } = await ctx.services('trust');
          const extra = opts.store ?? [];
          if (!file && !opts.sha256) throw new CertbenchError('invalid-request', 'give a certificate FILE or --sha256');
          const der = file ? await service.certificateFromFile(file) : undefined;
          if (opts.addMissing) {
            if (!der) throw new CertbenchError('invalid-request', '--add-missing needs the certificate FILE');
            const { plans, skipped } = await service.planAddToAllMissing(der, extra, file);
            if (!opts.json) printLines(ctx.io, skipped.map((s) => `skipped ${s.store.id}  (${s.reason})`));
            const outcome = await carryOut(ctx, service, plans, opts, 'trust where --add-missing', skipped);
            if (opts.json) printJson(ctx.io, outcome.json);
            return outcome.code;
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
          const { trust: service } = await ctx.services('trust');
          const { FleetFormatSchema, exportForFleet } = await import('../../services/fleet-export/fleet-export-service.js');
          const format = FleetFormatSchema.safeParse(opts.format);
          if (!format.success) throw new CertbenchError('invalid-request', `--format must be one of ${FleetFormatSchema.options.join(', ')}`);
          const der = await service.certificateFromFile(file);
          const result = exportForFleet(der, format.data, { nssDbs: opts.nssDb ?? [], javaCacerts: opts.javaCacerts ?? [] });
          for (const w of result.warnings) printWarning(ctx.io, w);
          if (opts.out) {
            const { writeFileSafely } = await import('../../services/files/safe-write.js');
            await writeFileSafely(opts.out, result.content, { overwrite: true });
          }
          if (opts.json) printJson(ctx.io, { ...result, ...(opts.out ? { writtenTo: opts.out } : {}) });
          else if (!opts.out) writeContent(ctx.io, result.content);
          return EXIT.ok;
        }),
      );
    });
}

/** What carrying out a set of plans came to: the exit code and the `--json` document. */
interface Outcome {
  readonly code: ExitCode;
  readonly json: unknown;
}

/**
 * Prints the plans, gets the user's approval (approvePlan), then runs each by its id: exactly the
 * steps printed. Declined and dry-run plans are discarded. One failed plan exits 2 like any
 * error; a failure among several exits 1 with the others done. The plans must be for different
 * stores: each was made on its store's current state.
 */
async function carryOut(
  ctx: CliContext,
  service: TrustService,
  plans: readonly IssuedPlan[],
  opts: { dryRun?: boolean; yes?: boolean; json?: boolean },
  command: string,
  skipped: readonly SkippedStore[] = [],
): Promise<Outcome> {
  const todo = plans.filter((p) => !p.alreadyDone && p.runnableHere);
  if (!opts.json) printLines(ctx.io, plans.flatMap((plan) => describePlan(plan)));
  const discardAll = () => Promise.all(plans.map((p) => service.discard(p.planId)));
  const decision =
    todo.length === 0
      ? 'dry-run'
      : await approvePlan(ctx.io, opts, command).catch(async (err: unknown) => {
          await discardAll();
          throw err;
        });
  if (decision !== 'run') {
    await discardAll();
    const json = { plans, skipped, done: false, ...(decision === 'declined' ? { declined: true } : {}) };
    if (opts.json) return { code: decision === 'declined' ? EXIT.problems : EXIT.ok, json };
    if (todo.length > 0) printLines(ctx.io, [decision === 'declined' ? 'declined: nothing was changed' : 'dry run: nothing was changed']);
    else if (plans.some((p) => !p.runnableHere)) printLines(ctx.io, ['a plan for another OS: run its steps there (or use trust export)']);
    return { code: decision === 'declined' ? EXIT.problems : EXIT.ok, json };
  }
  await Promise.all(plans.filter((p) => !todo.includes(p)).map((p) => service.discard(p.planId)));
  const results: { storeId: string; outcome: 'done' | 'failed'; message?: string }[] = [];
  for (const plan of todo) {
    try {
      await service.run(plan.planId);
      results.push({ storeId: plan.storeId, outcome: 'done' });
      if (!opts.json) printLines(ctx.io, [`done: ${plan.action === 'add' ? 'added to' : 'removed from'} ${plan.storeId} and confirmed by re-listing`]);
    } catch (err) {
      const message = (err as Error).message.split('\n')[0] ?? '';
      results.push({ storeId: plan.storeId, outcome: 'failed', message });
      if (!opts.json) printError(ctx.io, { code: err instanceof CertbenchError ? err.code : 'internal', message: `${plan.storeId}: ${message}` }, false);
    }
  }
  const json = { plans, skipped, done: true, results };
  if (results.some((r) => r.outcome === 'failed')) return { code: todo.length === 1 ? EXIT.usage : EXIT.problems, json };
  return { code: EXIT.ok, json };
}

function printMap(ctx: CliContext, map: TrustMap): void {
  printLines(ctx.io, [
    `${map.subject} (${map.role})`,
    `SHA-256 ${map.sha256}`,
    ...map.rows.map((row) => `  ${(row.state === 'error' ? `error: ${row.error ?? ''}` : row.state).padEnd(10)} ${row.store.id}  (${row.store.detail})`),
  ]);
}
