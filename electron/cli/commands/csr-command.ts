import { Option, type Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import { planCsr } from '../../../shared/csr/plan.js';
import { parseSanArg } from '../../../shared/csr/san-arg.js';
import { defaultKeyUsage } from '../../../shared/csr/templates.js';
import { EXTENDED_KEY_USAGES, type ExtendedKeyUsageName } from '../../../shared/model/csr-constants.js';
import type { CsrSpec } from '../../../shared/model/csr.js';
import { describeKeyType, KEY_TYPE_INFO, KEY_TYPES } from '../../../shared/model/keys-constants.js';
import { assertWritable } from '../../services/files/safe-write.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines, printWarning } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { approvePlan } from '../confirm-plan.js';
import { cliProgress } from '../progress.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';
import { collect, subjectOption } from './cert-command.js';
import { addCsrKeyOptions, newKeyProtection, openExistingKey, type CsrKeyOptions } from './key-command.js';
import { registerCsrRenewCommand } from './csr-renew-command.js';
import { keyPairPlanLines } from './keystore-keypair-plan.js';
import type { KeytoolKeyType } from '../../services/csr/keytool-csr.js';

interface CsrNewOptions extends CsrKeyOptions {
  subject?: string;
  san: string[];
  cnSan: boolean;
  eku: ExtendedKeyUsageName[];
  overwrite?: boolean;
  json?: boolean;
}


/** `certbench csr new --subject "CN=…" --san dns:… [--key F | --type T --out-key F] --out F`. */
export function registerCsrCommands(csr: Command, ctx: CliContext): void {
  addCsrKeyOptions(
    csr
      .command('new')
      .description('Make a CSR with SANs, signed by an existing key or a new one')
      .option('--subject <dn>', 'subject, as "CN=app.example,O=Example,C=US"')
      .option('--san <type:value>', 'a SAN: dns:NAME, ip:ADDR, email:ADDR or uri:URI (repeat for more)', collect, []),
    { key: 'sign with this existing private key', type: 'generate a new key of this type' },
  )
    .option('--no-cn-san', 'do not add the CN to the SANs')
    .addOption(new Option('--eku <purpose...>', 'requested extended key usage').choices(EXTENDED_KEY_USAGES).default(['serverAuth']))
    .option('--overwrite', 'replace existing output files')
    .option('--json', 'print JSON')
    .action(async (opts: CsrNewOptions) => {
    ctx.exit(await runAction(ctx, () => csrNew(ctx, opts)));
  });
  csr
    .command('java')
    .description('Make a key pair in a Java keystore with keytool, and a CSR from it')
    .requiredOption('--keystore <file>', 'keystore to add the key pair to (JKS or PKCS#12), or a new PKCS#12 to create')
    .requiredOption('--alias <alias>', 'alias of the new key pair')
    .option('--storepass-file <file>', 'keystore password, from the first line of this file')
    .option('--storepass-env <var>', 'keystore password, from this environment variable')
    .option('--subject <dn>', 'subject, as "CN=app.example,O=Example"')
    .option('--san <type:value>', 'a SAN: dns:NAME, ip:ADDR, email:ADDR or uri:URI (repeat for more)', collect, [])
    .addOption(new Option('--type <type>', 'key type').choices(KEY_TYPES.filter((t) => t !== 'ed25519')).default('rsa-2048'))
    .requiredOption('--out <file>', 'where the CSR is written')
    .option('--no-cn-san', 'do not add the CN to the SANs')
    .option('--dry-run', 'print the plan (the store, its backup, keytool argv) and change nothing')
    .option('--yes', 'run the plan without asking (scripts)')
    .option('--json', 'print JSON')
    .action(async (opts: JavaCsrOptions) => {
      ctx.exit(await runAction(ctx, () => csrJava(ctx, opts)));
    });
  registerCsrRenewCommand(csr, ctx);
}

interface JavaCsrOptions {
  keystore: string;
  alias: string;
  storepassFile?: string;
  storepassEnv?: string;
  subject?: string;
  san: string[];
  type: KeytoolKeyType;
  out: string;
  cnSan: boolean;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/**
 * `certbench csr java`: keytool makes the key pair in the keystore — a keystore edit, so the plan
 * (backup, keytool argv) is shown and approved first — and Certbench writes the CSR it signed.
 */
async function csrJava(ctx: CliContext, opts: JavaCsrOptions) {
  const subject = subjectOption(opts.subject);
  const storePassword = await readSecret(ctx.io, { file: opts.storepassFile, envVar: opts.storepassEnv }, 'Keystore password');
  if (storePassword === undefined) throw new CertbenchError('password-required', 'Give --storepass-file F or --storepass-env VAR for the keystore');
  const keyType = opts.type;
  const spec: CsrSpec = { subject, sans: opts.san.map(parseSanArg), addCnToSan: opts.cnSan, hash: KEY_TYPE_INFO[keyType].defaultHash, keyUsage: defaultKeyUsage(KEY_TYPE_INFO[keyType].family), extendedKeyUsage: ['serverAuth'] };
  const { csr: service } = await ctx.services('csr');
  const request = { keystore: opts.keystore, alias: opts.alias, storePassword, keyType, csrPath: opts.out };
  const planned = await service.planFromKeytool(spec, request);
  for (const w of planned.plan.warnings) printWarning(ctx.io, w.message);
  if (!opts.json) printLines(ctx.io, keyPairPlanLines(planned.keystore, opts.out));
  const decision = await approvePlan(ctx.io, opts, 'csr java', 'a keystore');
  if (decision !== 'run') {
    if (opts.json) printJson(ctx.io, { plan: planned.keystore, done: false, ...(decision === 'declined' ? { declined: true } : {}) });
    else printLines(ctx.io, [decision === 'declined' ? 'declined: nothing was changed' : 'dry run: nothing was changed']);
    return decision === 'declined' ? EXIT.problems : EXIT.ok;
  }
  const made = await service.fromKeytool(spec, { ...request, plannedStoreSha256: planned.keystore.storeSha256 });
  const backup = made.backupId === undefined ? [] : [`Backup: ${made.backupId} (certbench keystore restore ${made.backupId})`];
  if (opts.json) printJson(ctx.io, { csr: opts.out, keystore: opts.keystore, alias: planned.keystore.alias, backupId: made.backupId ?? null, subject: made.plan.subject, sans: made.plan.sans });
  else printLines(ctx.io, [`keytool made key pair "${planned.keystore.alias}" in ${opts.keystore}; the CSR is in ${opts.out}`, ...backup]);
  return EXIT.ok;
}

async function csrNew(ctx: CliContext, opts: CsrNewOptions) {
  if (Boolean(opts.key) === Boolean(opts.type)) throw new CertbenchError('invalid-request', 'Give either --key FILE or --type TYPE --out-key FILE');
  if (opts.type && !opts.outKey) throw new CertbenchError('invalid-request', '--type needs --out-key FILE for the new key');
  const subject = subjectOption(opts.subject);
  const services = await ctx.services('keys', 'csr');
  const existing = opts.key ? await openExistingKey(ctx.io, services, { file: opts.key, passphraseFile: opts.keyPassphraseFile, passphraseEnv: opts.keyPassphraseEnv }) : undefined;
  const family = existing ? existing.info.key.family : KEY_TYPE_INFO[opts.type!].family;
  const spec: CsrSpec = {
    subject,
    sans: opts.san.map(parseSanArg),
    addCnToSan: opts.cnSan,
    hash: opts.hash ?? (opts.type ? KEY_TYPE_INFO[opts.type].defaultHash : existing?.info.key.bits === 384 ? 'SHA-384' : 'SHA-256'),
    keyUsage: defaultKeyUsage(family),
    extendedKeyUsage: opts.eku,
  };
  const firstError = planCsr(spec, existing ? existing.info.key : describeKeyType(opts.type!)).errors[0];
  if (firstError) throw new CertbenchError('invalid-request', `${firstError.where}: ${firstError.message}`);
  const protection = opts.type ? await newKeyProtection(ctx.io, opts) : undefined;
  if (!opts.overwrite) await assertWritable([opts.out, ...(opts.outKey ? [opts.outKey] : [])]);
  const made = await services.csr.create(
    spec,
    existing ? { kind: 'key', id: existing.info.id } : { kind: 'generate', type: opts.type!, protection: protection! },
    cliProgress(ctx.io),
  );
  for (const w of made.plan.warnings) printWarning(ctx.io, w.message);
  await services.csr.save(made.id, opts.out, opts.overwrite);
  if (opts.outKey && protection) await services.keys.exportKey(made.key.id, opts.outKey, protection, opts.overwrite);
  const subjectText = made.plan.subject.map((a) => `${a.field}=${a.value}`).join(', ');
  if (opts.json) {
    printJson(ctx.io, {
      csr: opts.out,
      keyFile: opts.outKey ?? opts.key,
      subject: made.plan.subject,
      sans: made.plan.sans,
      hash: made.plan.hash,
      key: made.key,
      warnings: made.plan.warnings.map((w) => w.message),
    });
  } else {
    printLines(ctx.io, [
      `Wrote CSR to ${opts.out}`,
      `  Subject  ${subjectText || '(empty)'}`,
      `  SANs     ${made.plan.sans.map((s) => `${s.type}:${s.value}`).join(', ') || '(none)'}`,
      `  Key      ${made.key.key.label}${opts.outKey ? `, written to ${opts.outKey}` : ''}`,
    ]);
  }
  return EXIT.ok;
}
