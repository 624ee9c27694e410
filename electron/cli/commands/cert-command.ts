import type { Command } from 'commander';
import { CertbenchError } from '../../../shared/errors.js';
import { parseSanArg } from '../../../shared/csr/san-arg.js';
import { parseSubjectString } from '../../../shared/csr/subject.js';
import { defaultKeyUsage } from '../../../shared/csr/templates.js';
import type { Subject } from '../../../shared/model/csr.js';
import type { IssuedCertificate } from '../../services/issuing/issuing-service.js';
import { assertWritable } from '../../services/files/safe-write.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines, type CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { runAction } from '../run-action.js';
import type { Services } from '../../services/services.js';
import type { SessionKey } from '../../services/keys/keys-service.js';
import { acquireKey, addKeySourceOptions, type KeySourceOptions } from './key-command.js';

interface SelfSignedOptions extends KeySourceOptions {
  subject?: string;
  san: string[];
  out: string;
  days: string;
  cnSan: boolean;
  allowLongValidity?: boolean;
  overwrite?: boolean;
  json?: boolean;
}

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** What `cert self-signed` and `ca new` share: a subject, a validity, a key (new or existing) and outputs. */
interface IssueCommandOptions extends KeySourceOptions {
  subject?: string;
  out: string;
  days: string;
  overwrite?: boolean;
  json?: boolean;
}

/**
 * The common run of an issuing command: check the subject, days and that no output exists, get
 * the key, issue with `issue`, save the certificate (and a new key), and report.
 */
export async function runIssueCommand(
  ctx: CliContext,
  opts: IssueCommandOptions,
  issue: (services: Pick<Services, 'issuing'>, subject: Subject, key: SessionKey, days: number) => Promise<IssuedCertificate>,
): Promise<ExitCode> {
  const subject = subjectOption(opts.subject);
  const days = daysOption(opts.days);
  if (!opts.overwrite) await assertWritable([opts.out, ...(opts.outKey ? [opts.outKey] : [])]);
  const services = await ctx.services('keys', 'issuing');
  const { key, protection } = await acquireKey(ctx.io, services, opts);
  const issued = await issue(services, subject, key, days);
  await services.issuing.save(issued.id, opts.out, opts.overwrite);
  if (protection && opts.outKey) await services.keys.exportKey(key.info.id, opts.outKey, protection, opts.overwrite);
  reportIssued(ctx.io, opts.json, issued, opts.out, opts.outKey);
  return EXIT.ok;
}

export function subjectOption(text: string | undefined): Subject {
  try {
    return text ? parseSubjectString(text) : {};
  } catch (err) {
    throw new CertbenchError('invalid-request', `--subject: ${(err as Error).message}`);
  }
}

export function daysOption(text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new CertbenchError('invalid-request', `--days must be a whole number of days, not "${text}"`);
  return Number(text);
}

/** Prints what was issued and where it went. */
export function reportIssued(io: CliIo, json: boolean | undefined, issued: IssuedCertificate, out: string, keyFile?: string): void {
  if (json) printJson(io, { certificate: out, keyFile, ...issued.summary });
  else {
    const s = issued.summary;
    printLines(io, [
      `Wrote certificate to ${out}${keyFile ? ` (key: ${keyFile})` : ''}`,
      `  Subject  ${s.subject}`,
      `  Issuer   ${s.issuer}`,
      `  Valid    ${s.notBefore} → ${s.notAfter}`,
      `  SANs     ${s.sans.map((n) => `${n.type}:${n.value}`).join(', ') || '(none)'}`,
    ]);
  }
}

/** `certbench cert self-signed --subject … --san … [--key F | --type T --out-key F] --out F [--days N]`. */
export function registerCertCommands(cert: Command, ctx: CliContext): void {
  addKeySourceOptions(
    cert
      .command('self-signed')
      .description('A self-signed server certificate (SAN required, serverAuth, at most 825 days)')
      .option('--subject <dn>', 'subject, as "CN=app.example,O=Example"')
      .option('--san <type:value>', 'a SAN: dns:NAME, ip:ADDR, email:ADDR or uri:URI (repeat for more)', collect, [])
      .requiredOption('--out <file>', 'where to write the certificate')
      .option('--days <n>', 'validity in days', '365')
      .option('--no-cn-san', 'do not add the CN to the SANs')
      .option('--allow-long-validity', 'allow more than 825 days (clients will reject it)')
      .option('--overwrite', 'replace existing output files')
      .option('--json', 'print JSON'),
  ).action(async (opts: SelfSignedOptions) => {
    ctx.exit(
      await runAction(ctx, () =>
        runIssueCommand(ctx, opts, (services, subject, key, days) =>
          services.issuing.selfSigned(
            { subject, sans: opts.san.map(parseSanArg), addCnToSan: opts.cnSan, hash: key.info.key.bits === 384 ? 'SHA-384' : 'SHA-256', keyUsage: defaultKeyUsage(key.info.key.family), extendedKeyUsage: ['serverAuth'] },
            key.info.id,
            days,
            opts.allowLongValidity,
          ),
        ),
      ),
    );
  });
}
