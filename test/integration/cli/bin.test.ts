import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedWithOpenssl, type MadeCertificate } from '../../helpers/openssl-cert.js';

const run = promisify(execFile);
const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;

/** The installed `certbench` command, as a script would run it: a separate process, real exit codes. */
describe('certbench binary', () => {
  let dir: string;
  let cert: MadeCertificate;
  const env = () => ({ ...process.env, CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache') });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-bin-'));
    cert = await makeSelfSignedWithOpenssl(dir, 'bin.example', 'DNS:bin.example');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('inspects a PEM file as JSON', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'inspect', cert.pemPath, '--json'], { env: env() });
    const { objects } = JSON.parse(stdout);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({ kind: 'certificate', subject: 'CN=bin.example, O=Certbench Test' });
  });

  it('exits 2 with one line on stderr for a missing file', async () => {
    const failure = await run(process.execPath, [BIN, 'inspect', join(dir, 'nope.pem')], { env: env() }).catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toBe(`certbench: ${join(dir, 'nope.pem')} does not exist\n`);
  });
});
