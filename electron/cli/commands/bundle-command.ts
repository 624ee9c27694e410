import { Option, type Command } from 'commander';
import { basename } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import { parseSanArg } from '../../../shared/csr/san-arg.js';
import type { PfxProfile } from '../../../shared/model/keys-bundle.js';
import { PFX_PROFILES } from '../../../shared/model/keys-constants.js';
import { readInputFile } from '../../services/files/read-input.js';
import type { CliContext } from '../cli-context.js';
import { printJson, printLines, printWarning } from '../cli-io.js';
import { assertDirectory } from '../output-paths.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';
import { readSecret } from '../secrets.js';
import { collect } from './cert-command.js';
import { addNewKeyOptions, newKeyProtection, openExistingKey, type NewKeyOptions } from './key-command.js';

interface BundleOptions extends NewKeyOptions {
  cert: string;
  key: string;
  keyPassphraseFile?: string;
  keyPassphraseEnv?: string;
  chain: string[];
  outDir: string;
  pfx?: string;
  pfxProfile: PfxProfile;
  pfxPasswordFile?: string;
  pfxPasswordEnv?: string;
  expectSan: string[];
  aia?: boolean;
  overwrite?: boolean;
  json?: boolean;
}

/** `certbench bundle --cert F --key F [--chain F] [--out-dir D] [--pfx F --pfx-profile modern|legacy]`. */
export function registerBundleCommand(program: Command, ctx: CliContext): void {
  addNewKeyOptions(
    program
      .command('bundle')
      .description("Turn the CA's answer and your key into fullchain.pem, chain.pem, cert.pem, key.pem and a PFX")
      .requiredOption('--cert <file>', "the CA's answer (PEM, DER, P7B or a bundle)")
      .requiredOption('--key <file>', 'the private key the CSR was made with')
      .option('--key-passphrase-file <file>', 'passphrase of --key, from the first line of this file')
      .option('--key-passphrase-env <var>', 'passphrase of --key, from this environment variable')
      .option('--chain <file>', 'intermediate certificates (repeatable)', collect, [])
      .option('--out-dir <dir>', 'where to write the bundle files', '.')
      .option('--pfx <file>', 'also write a PKCS#12 file')
      .addOption(new Option('--pfx-profile <profile>', 'PFX encryption preset').choices(PFX_PROFILES).default('modern'))
      .option('--pfx-password-file <file>', 'PFX password, from the first line of this file')
      .option('--pfx-password-env <var>', 'PFX password, from this environment variable')
      .option('--expect-san <type:value>', 'a SAN the CSR requested; warn if the certificate lacks it (repeatable)', collect, [])
      .option('--aia', 'download missing intermediates from the AIA URLs in the certificates')
      .option('--overwrite', 'replace existing output files')
      .option('--json', 'print JSON'),
  ).action(async (opts: BundleOptions) => {
    ctx.exit(
      await runAction(ctx, async () => {
        const services = await ctx.services('keys', 'bundle');
        const key = await openExistingKey(ctx.io, services, { file: opts.key, passphraseFile: opts.keyPassphraseFile, passphraseEnv: opts.keyPassphraseEnv });
        const named = async (file: string) => ({ name: basename(file), bytes: await readInputFile(file) });
        const analysis = await services.bundle.analyse({
          answer: await named(opts.cert),
          chain: await Promise.all(opts.chain.map(named)),
          keyId: key.info.id,
          requestedSans: opts.expectSan.map(parseSanArg),
          aia: opts.aia,
        });
        // An error stops here, printed once (as the error), before any passphrase is asked for.
        const error = analysis.problems.find((p) => p.severity === 'error');
        if (error) throw (await import('../../services/bundle/bundle-service.js')).bundleProblemError(error);
        for (const p of analysis.problems) printWarning(ctx.io, p.message);
        await assertDirectory(opts.outDir, '--out-dir');
        const protection = await newKeyProtection(ctx.io, opts);
        let pfx;
        if (opts.pfx) {
          const password = await readSecret(ctx.io, { file: opts.pfxPasswordFile, envVar: opts.pfxPasswordEnv }, 'PFX password');
          if (password === undefined) throw new CertbenchError('password-required', 'Give --pfx-password-file F or --pfx-password-env VAR for the PFX');
          pfx = { path: opts.pfx, profile: opts.pfxProfile, password };
        }
        const files = await services.bundle.write(analysis.id, { outDir: opts.outDir, keyProtection: protection, pfx, overwrite: opts.overwrite });
        if (opts.json) printJson(ctx.io, { files, leaf: analysis.leaf, intermediates: analysis.intermediates, complete: analysis.complete, problems: analysis.problems });
        else {
          printLines(ctx.io, [
            `Bundle for ${analysis.leaf.subject} (${analysis.intermediates.length} intermediate${analysis.intermediates.length === 1 ? '' : 's'})`,
            ...Object.entries(files).map(([role, path]) => `  ${role.padEnd(9)} ${path}`),
          ]);
        }
        return analysis.problems.length > 0 ? EXIT.problems : EXIT.ok;
      }),
    );
  });
}
