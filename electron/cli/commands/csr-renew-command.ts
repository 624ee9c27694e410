import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import { planCsr } from '../../../shared/csr/plan.js';
import { parseSanArg } from '../../../shared/csr/san-arg.js';
import type { CsrSpec } from '../../../shared/model/csr.js';
import { describeKeyType, KEY_TYPE_INFO } from '../../../shared/model/keys-constants.js';
import type { RenewalOrigin } from '../../services/csr/renewal-source.js';
import { assertWritable } from '../../services/files/safe-write.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines, printWarning } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { cliProgress } from '../progress.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';
import { collect, subjectOption } from './cert-command.js';
import { addCsrKeyOptions, newKeyProtection, openExistingKey, type CsrKeyOptions } from './key-command.js';

interface CsrRenewOptions extends CsrKeyOptions {
  from: string;
  alias?: string;
  storepassFile?: string;
  storepassEnv?: string;
  sni?: string;
  proxy?: string;
  subject?: string;
  san: string[];
  overwrite?: boolean;
  json?: boolean;
}

/** `certbench csr renew --from CERT|HOST:PORT|KEYSTORE [--alias A] --out F`: a CSR with the old certificate's subject, SANs and purposes. */
export function registerCsrRenewCommand(csr: Command, ctx: CliContext): void {
  addCsrKeyOptions(
    csr
      .command('renew')
      .description("Make a renewal CSR with an existing certificate's subject, SANs and purposes (a new key unless --key)")
      .requiredOption('--from <source>', 'the certificate to renew: a file, HOST:PORT, or a keystore with --alias')
      .option('--alias <alias>', 'the keystore entry to renew')
      .option('--storepass-file <file>', 'keystore password, from the first line of this file')
      .option('--storepass-env <var>', 'keystore password, from this environment variable')
      .option('--sni <name>', 'server name to send when --from is HOST:PORT')
      .option('--proxy <url>', 'reach HOST:PORT through this HTTP proxy')
      .option('--subject <dn>', 'replace the subject, as "CN=app.example,O=Example"')
      .option('--san <type:value>', 'replace the SANs: dns:NAME, ip:ADDR, email:ADDR or uri:URI (repeat for more)', collect, []),
    { key: 'reuse this private key instead of making a new one', type: "type of the new key (default: the old certificate's)" },
  )
    .option('--overwrite', 'replace existing output files')
    .option('--json', 'print JSON')
    .action(async (opts: CsrRenewOptions) => {
    ctx.exit(await runAction(ctx, () => csrRenew(ctx, opts)));
  });
}

async function csrRenew(ctx: CliContext, opts: CsrRenewOptions): Promise<ExitCode> {
  if (opts.key && (opts.type || opts.outKey)) throw new CertbenchError('invalid-request', 'Give either --key FILE (reuse a key) or --out-key FILE (a new key), not both');
  if (!opts.key && !opts.outKey) throw new CertbenchError('invalid-request', 'A renewal makes a new key: give --out-key FILE for it, or --key FILE to reuse a key');
  const subjectOverride = opts.subject === undefined ? undefined : subjectOption(opts.subject);
  const sanOverride = opts.san.length > 0 ? opts.san.map(parseSanArg) : undefined;
  const storePassword =
    opts.storepassFile !== undefined || opts.storepassEnv !== undefined
      ? await readSecret(ctx.io, { file: opts.storepassFile, envVar: opts.storepassEnv }, 'Keystore password')
      : undefined;
  const services = await ctx.services('keys', 'csr', 'keystore', 'chain');
  // Loaded here, after the services: they bring the X.509 model, which needs its polyfill first.
  const [{ certificateToRenew, renewalKeyType }, { renewSpec }, { scanCertificate }, { sha256Hex }] = await Promise.all([
    import('../../services/csr/renewal-source.js'),
    import('../../../shared/csr/renew.js'),
    import('../../../shared/pki/cert-scan.js'),
    import('../../../shared/pki/hash.js'),
  ]);
  const source = await certificateToRenew(
    {
      from: opts.from,
      ...(opts.alias === undefined ? {} : { alias: opts.alias }),
      ...(storePassword === undefined ? {} : { storePassword }),
      ...(opts.sni ? { servername: opts.sni } : {}),
      ...(opts.proxy ? { proxy: opts.proxy } : {}),
    },
    services,
  );
  const existing = opts.key ? await openExistingKey(ctx.io, services, { file: opts.key, passphraseFile: opts.keyPassphraseFile, passphraseEnv: opts.keyPassphraseEnv }) : undefined;
  const type = opts.type ?? renewalKeyType(source.der);
  const keyDescription = existing ? existing.info.key : describeKeyType(type);
  const renewal = renewSpec(source.der, keyDescription.family);
  const spec: CsrSpec = {
    ...renewal.spec,
    ...(subjectOverride ? { subject: subjectOverride } : {}),
    ...(sanOverride ? { sans: sanOverride, addCnToSan: false } : {}),
    hash: opts.hash ?? (existing ? (existing.info.key.bits === 384 ? 'SHA-384' : 'SHA-256') : KEY_TYPE_INFO[type].defaultHash),
  };
  const notes = [...renewal.notes];
  if (existing && existing.info.spkiSha256 !== sha256Hex(scanCertificate(source.der).spkiDer)) notes.push(`${opts.key} is not the old certificate's key: the renewed certificate will carry a different key`);
  const firstError = planCsr(spec, keyDescription).errors[0];
  if (firstError) throw new CertbenchError('invalid-request', `${firstError.where}: ${firstError.message}`);
  const protection = existing ? undefined : await newKeyProtection(ctx.io, opts);
  await assertWritable([opts.out, ...(opts.outKey ? [opts.outKey] : [])], { overwrite: opts.overwrite ?? false });
  const made = await services.csr.create(spec, existing ? { kind: 'key', id: existing.info.id } : { kind: 'generate', type, protection: protection! }, cliProgress(ctx.io));
  await services.csr.save(made.id, opts.out, opts.overwrite);
  if (opts.outKey && protection) await services.keys.exportKey(made.key.id, opts.outKey, protection, opts.overwrite);
  const keyFile = opts.outKey ?? opts.key!;
  const next = nextSteps(source.origin, opts.out, keyFile);
  if (opts.json) {
    printJson(ctx.io, {
      csr: opts.out,
      keyFile,
      from: source.origin,
      subject: made.plan.subject,
      sans: made.plan.sans,
      extendedKeyUsage: made.plan.extendedKeyUsage,
      key: made.key,
      notes,
      warnings: made.plan.warnings.map((w) => w.message),
      next,
    });
  } else {
    for (const w of made.plan.warnings) printWarning(ctx.io, w.message);
    printLines(ctx.io, [
      `Wrote renewal CSR to ${opts.out}`,
      `  Subject  ${made.plan.subject.map((a) => `${a.field}=${a.value}`).join(', ') || '(empty)'}`,
      `  SANs     ${made.plan.sans.map((s) => `${s.type}:${s.value}`).join(', ') || '(none)'}`,
      `  Purposes ${made.plan.extendedKeyUsage.join(', ')}`,
      `  Key      ${made.key.key.label}${opts.outKey ? `, new, written to ${opts.outKey}` : `, reused from ${opts.key}`}`,
      ...notes.map((note) => `  Note     ${note}`),
      'Next:',
      ...next.map((step, i) => `  ${i + 1}. ${step}`),
    ]);
  }
  return EXIT.ok;
}

/** What to run once the CA answers; a keystore entry is replaced through the backed-up, verified keystore edit. */
function nextSteps(origin: RenewalOrigin, csrPath: string, keyFile: string): string[] {
  const steps = [
    `Have ${csrPath} signed by your CA (or: certbench ca sign --csr ${csrPath} --ca-cert CA.pem --ca-key CA.key --out renewed.pem)`,
    `certbench bundle --cert renewed.pem --key ${keyFile}${origin.kind === 'keystore' ? ' --pfx renewed.pfx --pfx-password-file PFXPASS' : ''}`,
  ];
  if (origin.kind === 'keystore') {
    steps.push(`certbench keystore import renewed.pfx --keystore ${origin.path} --alias ${origin.alias} --replace --pfx-pass-file PFXPASS --storepass-file STOREPASS (shows the old and new certificate, the backup and keytool's argv, then asks; --yes in scripts)`);
  }
  return steps;
}
