import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreEditResult, KeystoreListing } from '../../../shared/model/keystore.js';
import type { StoreSelector } from '../../services/keystore/keystore-service.js';
import type { CliContext } from '../cli-context.js';
import { approvePlan } from '../confirm-plan.js';
import { printJson, printLines } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';

interface StoreOptions {
  keystore?: string;
  jdk?: string;
  storepassEnv?: string;
  storepassFile?: string;
  json?: boolean;
}

interface ImportCliOptions {
  alias?: string;
  replace?: boolean;
  pfxPassEnv?: string;
  pfxPassFile?: string;
  srcAlias?: string;
  dryRun?: boolean;
  yes?: boolean;
}

/** Adds the options every store-addressing subcommand shares. */
function storeCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .option('--keystore <path>', 'keystore file (JKS, JCEKS, PKCS12)')
    .option('--jdk <home>', "use this JDK's cacerts")
    .option('--storepass-env <var>', 'read the store password from an environment variable')
    .option('--storepass-file <file>', 'read the store password from the first line of a file')
    .option('--json', 'print JSON');
}

async function selectorOf(ctx: CliContext, opts: StoreOptions): Promise<StoreSelector> {
  if ((opts.keystore === undefined) === (opts.jdk === undefined)) throw new CertbenchError('invalid-request', 'Give exactly one of --keystore PATH or --jdk HOME');
  const password =
    opts.storepassEnv !== undefined || opts.storepassFile !== undefined
      ? await readSecret(ctx.io, { file: opts.storepassFile, envVar: opts.storepassEnv }, 'Keystore password')
      : undefined;
  return {
    ...(opts.keystore === undefined ? {} : { path: opts.keystore }),
    ...(opts.jdk === undefined ? {} : { jdkHome: opts.jdk }),
    ...(password === undefined ? {} : { password }),
  };
}

async function secretOption(ctx: CliContext, file: string | undefined, envVar: string | undefined, label: string): Promise<string> {
  const value = await readSecret(ctx.io, { file, envVar }, label);
  if (value === undefined) throw new CertbenchError('password-required', `${label} needed: give it with the matching --…-env or --…-file option`);
  return value;
}

/**
 * Runs a subcommand body under runAction and records its exit code. A store opened without a
 * password was tried with cacerts' default: a refusal then says so rather than "tampered with".
 */
function act<A extends unknown[]>(ctx: CliContext, body: (...args: A) => Promise<ExitCode>): (...args: A) => Promise<void> {
  return async (...args: A) =>
    ctx.exit(
      await runAction(ctx, () =>
        body(...args).catch((err: unknown) => {
          const opts = ctx.command()?.opts<StoreOptions>();
          const unnamed = opts?.storepassEnv === undefined && opts?.storepassFile === undefined;
          if (!(err instanceof CertbenchError) || err.code !== 'wrong-password' || !unnamed) throw err;
          throw new CertbenchError('wrong-password', `${err.message.split('\n')[0]}: no store password was given (cacerts' default "changeit" was tried); pass --storepass-file FILE or --storepass-env VAR`);
        }),
      ),
    );
}

function printEdit(ctx: CliContext, result: KeystoreEditResult, json: boolean | undefined): ExitCode {
  if (json) printJson(ctx.io, { path: result.path, backupId: result.backupId ?? null, messages: result.messages, entryCount: result.listing.entries.length });
  else printLines(ctx.io, [...result.messages, ...(result.backupId ? [`Backup: ${result.backupId} (certbench keystore restore ${result.backupId})`] : [])]);
  return EXIT.ok;
}

/** The `list --json` shape: type and, per entry, alias, entryType and the first certificate (subject as display and RFC 4514) with its expiry. */
function listJson(listing: KeystoreListing): unknown {
  return {
    type: listing.type,
    entries: listing.entries.map((e) => ({
      alias: e.alias,
      entryType: e.entryType,
      sha256: e.certificates[0]?.sha256 ?? null,
      subject: e.certificates[0]?.subject ?? null,
      subjectRfc4514: e.certificates[0]?.subjectRfc4514 ?? null,
      notBefore: e.certificates[0]?.notBefore ?? null,
      notAfter: e.certificates[0]?.notAfter ?? null,
      daysLeft: e.certificates[0]?.daysLeft ?? null,
      expiry: e.certificates[0]?.expiry ?? null,
    })),
  };
}

function listText(listing: KeystoreListing): string[] {
  const head = `${listing.path}: ${listing.type}, ${listing.entries.length} entries, integrity ${listing.integrity}`;
  const rows = listing.entries.map((e) => {
    const c = e.certificates[0];
    return c ? `${e.alias}  ${e.entryType}  ${c.notAfter.slice(0, 10)} (${c.expiry})  ${c.subject}  ${c.sha256}` : `${e.alias}  ${e.entryType}`;
  });
  return [head, ...listing.warnings.map((w) => `warning: ${w}`), ...rows];
}

/** `certbench keystore …`: JDK discovery, native listing and verified, backed-up keytool edits. */
export function registerKeystoreCommands(ks: Command, ctx: CliContext): void {
  const service = async () => (await ctx.services('keystore')).keystore;

  ks.command('jdks')
    .description('List every JDK found and the cacerts each uses')
    .option('--json', 'print JSON')
    .action(
      act(ctx, async (opts: { json?: boolean }) => {
        const found = await (await service()).jdks();
        if (opts.json) printJson(ctx.io, found);
        else {
          const lines = found.cacerts.flatMap((c) => [
            `${c.path}  ${c.format}${c.entryCount === undefined ? '' : `, ${c.entryCount} entries`}${c.writable ? '' : ', needs elevation'}`,
            ...c.jdkHomes.map((h) => {
              const jdk = found.jdks.find((j) => j.home === h);
              return `  ${h}  ${[jdk?.vendor, jdk?.version].filter(Boolean).join(' ')}  (${jdk?.sources.join(', ')})`;
            }),
          ]);
          printLines(ctx.io, lines.length > 0 ? lines : ['No JDK found']);
        }
        return EXIT.ok;
      }),
    );

  storeCommand(ks, 'list', 'List the entries of a keystore (read natively, no JVM)').action(
    act(ctx, async (opts: StoreOptions) => {
      const listing = await (await service()).list(await selectorOf(ctx, opts));
      if (opts.json) printJson(ctx.io, listJson(listing));
      else printLines(ctx.io, listText(listing));
      return EXIT.ok;
    }),
  );

  storeCommand(ks, 'import', 'Import every certificate of FILE (PEM, DER, bundle, PKCS#7), or the key pair of a PFX')
    .argument('<file>', 'certificate file, or a .pfx/.p12 key pair')
    .option('--alias <alias>', 'alias (default: from the subject); the base for a bundle')
    .option('--replace', 'replace an existing entry with the same alias')
    .option('--pfx-pass-env <var>', 'PFX password from an environment variable (key pair import)')
    .option('--pfx-pass-file <file>', 'PFX password from a file (key pair import)')
    .option('--src-alias <alias>', 'the PFX key entry to import, when it holds several')
    .option('--dry-run', 'print the plan (certificates, what a replace removes, the backup, keytool argv) and change nothing')
    .option('--yes', 'with --replace: run the plan without asking (scripts)')
    .action(
      act(ctx, async (file: string, opts: StoreOptions & ImportCliOptions) => {
        const { readInputFile } = await import('../../services/files/read-input.js');
        const bytes = await readInputFile(file);
        const selector = await selectorOf(ctx, opts);
        const common = { ...(opts.alias === undefined ? {} : { alias: opts.alias }), ...(opts.replace ? { replace: true } : {}) };
        const keystore = await service();
        const pfxPassword = opts.pfxPassEnv !== undefined || opts.pfxPassFile !== undefined ? await secretOption(ctx, opts.pfxPassFile, opts.pfxPassEnv, 'PFX password') : undefined;
        const keyPair = pfxPassword === undefined ? undefined : { ...common, pfxPassword, ...(opts.srcAlias === undefined ? {} : { sourceAlias: opts.srcAlias }) };
        if (!opts.replace && !opts.dryRun) {
          return printEdit(ctx, keyPair ? await keystore.importKeyPair(selector, bytes, keyPair) : await keystore.importCertificates(selector, bytes, common), opts.json);
        }
        // A replace removes a certificate: the user sees which, by which, and how, before it runs.
        const plan = keyPair ? await keystore.planKeyPairImport(selector, bytes, keyPair) : await keystore.planImport(selector, bytes, common);
        // Loaded after the services, like every module that brings the X.509 model (it needs its polyfill first).
        const { importPlanLines } = await import('./keystore-import-plan.js');
        if (!opts.json) printLines(ctx.io, importPlanLines(plan));
        const decision = await approvePlan(ctx.io, opts, 'keystore import --replace', 'a keystore');
        if (decision !== 'run') {
          if (opts.json) printJson(ctx.io, { plan, done: false, ...(decision === 'declined' ? { declined: true } : {}) });
          else printLines(ctx.io, [decision === 'declined' ? 'declined: nothing was changed' : 'dry run: nothing was changed']);
          return decision === 'declined' ? EXIT.problems : EXIT.ok;
        }
        const planned = { plannedStoreSha256: plan.storeSha256 };
        return printEdit(
          ctx,
          keyPair ? await keystore.importKeyPair(selector, bytes, { ...keyPair, ...planned }) : await keystore.importCertificates(selector, bytes, { ...common, ...planned }),
          opts.json,
        );
      }),
    );

  storeCommand(ks, 'delete', 'Delete an entry')
    .requiredOption('--alias <alias>', 'entry to delete')
    .action(act(ctx, async (opts: StoreOptions & { alias: string }) => printEdit(ctx, await (await service()).delete(await selectorOf(ctx, opts), opts.alias), opts.json)));

  storeCommand(ks, 'rename', 'Rename an entry (keytool -changealias)')
    .requiredOption('--alias <alias>', 'current alias')
    .requiredOption('--new-alias <alias>', 'new alias')
    .action(
      act(ctx, async (opts: StoreOptions & { alias: string; newAlias: string }) =>
        printEdit(ctx, await (await service()).rename(await selectorOf(ctx, opts), opts.alias, opts.newAlias), opts.json),
      ),
    );

  storeCommand(ks, 'passwd', 'Change the store password')
    .option('--new-pass-env <var>', 'new password from an environment variable')
    .option('--new-pass-file <file>', 'new password from a file')
    .action(
      act(ctx, async (opts: StoreOptions & { newPassEnv?: string; newPassFile?: string }) => {
        const selector = await selectorOf(ctx, opts);
        const newPassword = await secretOption(ctx, opts.newPassFile, opts.newPassEnv, 'New keystore password');
        return printEdit(ctx, await (await service()).changePassword(selector, newPassword), opts.json);
      }),
    );

  storeCommand(ks, 'convert', 'Convert between JKS and PKCS12 (keytool -importkeystore)')
    .requiredOption('--to <type>', 'JKS or PKCS12')
    .requiredOption('--out <path>', 'new file (the source path converts in place, after a backup)')
    .option('--dest-pass-env <var>', 'password of the new store (default: the same)')
    .option('--dest-pass-file <file>', 'password of the new store (default: the same)')
    .action(
      act(ctx, async (opts: StoreOptions & { to: string; out: string; destPassEnv?: string; destPassFile?: string }) => {
        const type = opts.to.toUpperCase();
        if (type !== 'JKS' && type !== 'PKCS12') throw new CertbenchError('invalid-request', '--to must be JKS or PKCS12');
        const selector = await selectorOf(ctx, opts);
        const destinationPassword =
          opts.destPassEnv !== undefined || opts.destPassFile !== undefined
            ? await secretOption(ctx, opts.destPassFile, opts.destPassEnv, 'New store password')
            : undefined;
        const options = { type, destination: opts.out, ...(destinationPassword === undefined ? {} : { destinationPassword }) } as const;
        return printEdit(ctx, await (await service()).convert(selector, options), opts.json);
      }),
    );

  ks.command('backups')
    .description('List keystore backups (all, or of one store)')
    .option('--keystore <path>', 'only backups of this file')
    .option('--jdk <home>', "only backups of this JDK's cacerts")
    .option('--json', 'print JSON')
    .action(
      act(ctx, async (opts: StoreOptions) => {
        const selector = opts.keystore !== undefined || opts.jdk !== undefined ? await selectorOf(ctx, opts) : undefined;
        const backups = await (await service()).listBackups(selector);
        if (opts.json) printJson(ctx.io, { backups });
        else printLines(ctx.io, backups.length > 0 ? backups.map((b) => `${b.id}  ${b.createdAt}  ${b.originalPath}  before: ${b.operation}`) : ['No backups']);
        return EXIT.ok;
      }),
    );

  ks.command('restore')
    .description('Restore a backup to the file it was taken from (the current state is backed up first)')
    .argument('<id>', 'backup id from `certbench keystore backups`')
    .option('--storepass-env <var>', 'the store password the backup was taken under, from an environment variable')
    .option('--storepass-file <file>', 'the store password the backup was taken under, from the first line of a file')
    .option('--json', 'print JSON')
    .action(
      act(ctx, async (id: string, opts: Pick<StoreOptions, 'storepassEnv' | 'storepassFile' | 'json'>) => {
        const password =
          opts.storepassEnv !== undefined || opts.storepassFile !== undefined
            ? await secretOption(ctx, opts.storepassFile, opts.storepassEnv, 'Keystore password')
            : undefined;
        return printEdit(ctx, await (await service()).restore(id, password), opts.json);
      }),
    );
}
