/**
 * EC P-256 key + CSR with 3 SANs, against `openssl req -new -newkey ec` in the same run: the whole
 * process (the built CLI), the CLI's time above Node's own start-up (goal ≤ 2× openssl's whole
 * run), and warm in-process key + CSR (goal ≤ 1× openssl's whole run). Builds the CLI first.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsrService } from '../electron/services/csr/csr-service.js';
import { KeysService } from '../electron/services/keys/keys-service.js';
import { KeystoreService } from '../electron/services/keystore/keystore-service.js';
import { defaultServiceEnv } from '../electron/services/service-env.js';
import { benchEnv, printMeasured, printRatio, timeAsync, timeProcesses } from './_timing.js';

execFileSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'certbench-bench-keys-'));
try {
  const file = (name: string) => join(dir, name);
  const [openssl, node, cliRun, version, bareKey] = timeProcesses(
    [
      {
        label: 'openssl req -new -newkey ec (P-256, 3 SANs), whole process',
        file: 'openssl',
        args: ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('o.key'), '-out', file('o.csr'),
          '-subj', '/CN=a.example', '-addext', 'subjectAltName=DNS:a.example,DNS:b.example,DNS:c.example'],
      },
      { label: 'node -e 0', file: process.execPath, args: ['-e', '0'] },
      {
        label: 'certbench csr new --type ec-p256 (3 SANs), whole process',
        file: process.execPath,
        args: ['bin/certbench.cjs', 'csr', 'new', '--subject', 'CN=a.example', '--san', 'dns:b.example', '--san', 'dns:c.example',
          '--type', 'ec-p256', '--out-key', file('c.key'), '--no-encrypt', '--out', file('c.csr'), '--overwrite'],
      },
      { label: 'certbench --version (CLI start-up floor)', file: process.execPath, args: ['bin/certbench.cjs', '--version'] },
      {
        label: 'node: EC key written, no CSR (floor)',
        file: process.execPath,
        args: ['-e', `const c = require('node:crypto'); require('node:fs').writeFileSync(${JSON.stringify(file('bare.key'))}, c.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));`],
      },
    ],
    21,
    benchEnv({ CERTBENCH_DATA_DIR: file('data') }),
  );
  const env = defaultServiceEnv({ dataDir: file('data') });
  const keys = new KeysService(env);
  const csr = new CsrService(keys, new KeystoreService(env));
  const spec = {
    subject: { CN: 'a.example' },
    sans: [{ type: 'dns' as const, value: 'b.example' }, { type: 'dns' as const, value: 'c.example' }],
    addCnToSan: true,
    hash: 'SHA-256' as const,
    keyUsage: ['digitalSignature' as const],
    extendedKeyUsage: ['serverAuth' as const],
  };
  const warm = await timeAsync('in-process key + CSR (warm), EC P-256, 3 SANs', () => csr.create(spec, { kind: 'generate', type: 'ec-p256', protection: { encrypt: false } }), 25);
  printMeasured(openssl!, node!, cliRun!, version!, bareKey!, warm);
  printRatio('certbench whole process / openssl whole run', cliRun!.medianMs, openssl!.medianMs);
  const above = printRatio('certbench above node -e 0 / openssl whole run', Math.max(0, cliRun!.medianMs - node!.medianMs), openssl!.medianMs, 2);
  const inProcess = printRatio('warm in-process key + CSR / openssl whole run', warm.medianMs, openssl!.medianMs, 1);
  printRatio('floor: bare Node EC key above node -e 0 / openssl', bareKey!.medianMs - node!.medianMs, openssl!.medianMs);
  printRatio('floor: certbench --version above node -e 0 / openssl', version!.medianMs - node!.medianMs, openssl!.medianMs);
  if (above > 2 || inProcess > 1) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
