/**
 * Listing a trust store: `certbench trust list --store pem:COPY --json` (built CLI, whole process)
 * and the in-process PemBundleStore listing, against `openssl storeutl -noout -text -certs` on
 * the same copy of the system bundle (≈144 certificates) in the same run. Also NSS: Certbench's
 * listing with DER of a 20-certificate database (certutil -L for nicknames and trust flags, one
 * read of cert9.db for every DER, side by side) against the bare `certutil -L` it starts with,
 * interleaved round by round; target ≤ 3×.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Elevator } from '../electron/services/elevation/elevator.js';
import { defaultServiceEnv } from '../electron/services/service-env.js';
import { NssStore } from '../electron/services/trust-stores/nss-store.js';
import { PemBundleStore } from '../electron/services/trust-stores/pem-bundle-store.js';
import { makeTrustPki, removePki } from '../test/helpers/trust-pki.js';
import { printMeasured, printRatio, processWork, timeAsync, timeInterleaved, timeProcess, type Measured } from './_timing.js';

execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'certbench-trust-bench-'));
try {
  const bundle = join(dir, 'ca-certificates.crt');
  copyFileSync('/etc/ssl/certs/ca-certificates.crt', bundle);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, CERTBENCH_DATA_DIR: join(dir, 'data') };
  const serviceEnv = defaultServiceEnv({ env, dataDir: join(dir, 'data'), homeDir: dir });
  const elevator = new Elevator(serviceEnv, true);
  const pemStore = new PemBundleStore(serviceEnv, elevator, bundle);
  const count = (await pemStore.list()).length;

  const storeutl = timeProcess(`openssl storeutl -noout -text -certs (${count} certs)`, 'openssl', ['storeutl', '-noout', '-text', '-certs', bundle], 7, env);
  const cli = timeProcess('certbench trust list --store pem:COPY --json', process.execPath, ['bin/certbench.cjs', 'trust', 'list', '--store', `pem:${bundle}`, '--json'], 7, env);
  const inProcess = await timeAsync('in-process PemBundleStore.list() (fresh instance)', () => new PemBundleStore(serviceEnv, elevator, bundle).list());

  const db = join(dir, 'nssdb');
  mkdirSync(db);
  const nss = new NssStore(serviceEnv, elevator, db);
  for (let i = 0; i < 20; i++) {
    const pki = makeTrustPki(`Bench Root ${i}`);
    await nss.add(pki.rootDer);
    removePki(pki);
  }
  // Side by side, round by round: measured one after the other, the ratio swung 1.3–3.7× with the load of other work.
  const [bareL, nssList] = (await timeInterleaved(
    [
      { label: 'certutil -L (20 nicknames, names only)', work: processWork('certutil', ['-L', '-d', `sql:${db}`], env) },
      { label: 'in-process NssStore.list() (fresh instance: -L + one cert9.db read)', work: () => new NssStore(serviceEnv, elevator, db).list() },
    ],
    15,
  )) as [Measured, Measured];
  const nssCli = timeProcess('certbench trust list --store nss:DB --json', process.execPath, ['bin/certbench.cjs', 'trust', 'list', '--store', `nss:${db}`, '--json'], 7, env);

  printMeasured(storeutl, cli, inProcess, bareL, nssList, nssCli);
  printRatio('certbench trust list (CLI) / openssl storeutl', cli.medianMs, storeutl.medianMs);
  printRatio('in-process bundle listing / openssl storeutl', inProcess.medianMs, storeutl.medianMs);
  printRatio('NSS listing with DER / bare certutil -L', nssList.medianMs, bareL.medianMs, 3);
  printRatio('certbench trust list nss (CLI, whole process) / bare certutil -L', nssCli.medianMs, bareL.medianMs);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
