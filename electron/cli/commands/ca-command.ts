import type { Command } from 'commander';
import { readInputFile } from '../../services/files/read-input.js';
import { assertWritable } from '../../services/files/safe-write.js';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';
import { collect, daysOption, reportIssued, runIssueCommand } from './cert-command.js';
import { addKeySourceOptions, openExistingKey, type KeySourceOptions } from './key-command.js';

interface CaNewOptions extends KeySourceOptions {
  subject: string;
  out: string;
  days: string;
  permitDns: string[];
  permitIp: string[];
  overwrite?: boolean;
  json?: boolean;
}

interface CaSignOptions {
  caCert: string;
  caKey: string;
  caKeyPassphraseFile?: string;
  caKeyPassphraseEnv?: string;
  csr: string;
  out: string;
  days: string;
  allowLongValidity?: boolean;
  overwrite?: boolean;
  json?: boolean;
}

/** `certbench ca new` (a local root, optionally name-constrained) and `certbench ca sign` (CSR to a server and/or client certificate). */
export function registerCaCommands(ca: Command, ctx: CliContext): void {
  addKeySourceOptions(
    ca
      .command('new')
      .description('Create a local root CA certificate')
      .requiredOption('--subject <dn>', 'CA subject, as "CN=Example Lab CA,O=Example"')
      .requiredOption('--out <file>', 'where to write the CA certificate')
      .option('--days <n>', 'validity in days', '3650')
      .option('--permit-dns <domain>', 'name constraint: the CA may sign only names under this domain (repeatable)', collect, [])
      .option('--permit-ip <cidr>', 'name constraint: the CA may sign only IPv4 addresses in this range (repeatable)', collect, [])
      .option('--overwrite', 'replace existing output files')
      .option('--json', 'print JSON'),
  ).action(async (opts: CaNewOptions) => {
    const constrained = opts.permitDns.length + opts.permitIp.length > 0;
    ctx.exit(
      await runAction(ctx, () =>
        runIssueCommand(ctx, opts, (services, subject, key, days) =>
          services.issuing.createCa(subject, key.info.id, days, constrained ? { dns: opts.permitDns, ipv4Cidrs: opts.permitIp } : undefined),
        ),
      ),
    );
  });
  ca.command('sign')
    .description('Sign a CSR with the purposes it requests (serverAuth, clientAuth or both; serverAuth if none, which needs a SAN), at most 825 days')
    .requiredOption('--ca-cert <file>', 'the CA certificate')
    .requiredOption('--ca-key <file>', 'the CA private key')
    .option('--ca-key-passphrase-file <file>', 'passphrase of --ca-key, from the first line of this file')
    .option('--ca-key-passphrase-env <var>', 'passphrase of --ca-key, from this environment variable')
    .requiredOption('--csr <file>', 'the certificate signing request')
    .requiredOption('--out <file>', 'where to write the certificate')
    .option('--days <n>', 'validity in days', '397')
    .option('--allow-long-validity', 'allow more than 825 days (clients will reject it)')
    .option('--overwrite', 'replace an existing output file')
    .option('--json', 'print JSON')
    .action(async (opts: CaSignOptions) => {
      ctx.exit(
        await runAction(ctx, async () => {
          const days = daysOption(opts.days);
          if (!opts.overwrite) await assertWritable([opts.out]);
          const decode = (b: Uint8Array) => new TextDecoder().decode(b);
          const [csrPem, caCertPem] = [decode(await readInputFile(opts.csr)), decode(await readInputFile(opts.caCert))];
          const services = await ctx.services('keys', 'issuing');
          const caKey = await openExistingKey(ctx.io, services, { file: opts.caKey, passphraseFile: opts.caKeyPassphraseFile, passphraseEnv: opts.caKeyPassphraseEnv });
          const issued = await services.issuing.signCsr({ csrPem, caCertPem, caKeyId: caKey.info.id, days, relaxed: opts.allowLongValidity });
          await services.issuing.save(issued.id, opts.out, opts.overwrite);
          reportIssued(ctx.io, opts.json, issued, opts.out);
          return EXIT.ok;
        }),
      );
    });
}
