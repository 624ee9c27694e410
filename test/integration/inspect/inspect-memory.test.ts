import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolEnv } from '../../helpers/inspect-openssl.js';

const run = promisify(execFile);
const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;

/**
 * Issue 16: `inspect --json --asn1` on a 31 MB bundle reached 3.3 GB and died with "Invalid string
 * length". The JSON listing is now written one object at a time, and the ASN.1 trees are refused
 * past a clear limit, so memory stays bounded (GNU time's peak resident set of the whole CLI).
 */
describe('inspect on huge bundles', () => {
  let dir: string;
  let systemBundle: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-inspect-huge-'));
    systemBundle = await readFile('/etc/ssl/certs/ca-certificates.crt', 'utf8');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const bundleOf = async (name: string, megabytes: number): Promise<{ path: string; certificates: number }> => {
    const copies = Math.ceil((megabytes * 1024 * 1024) / systemBundle.length);
    const path = join(dir, name);
    await writeFile(path, systemBundle.repeat(copies));
    return { path, certificates: copies * (systemBundle.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0) };
  };

  const peak = async (args: string[]) => {
    const out = join(dir, 'out.json');
    const result = await run('/bin/sh', ['-c', '/usr/bin/time -f "PEAK %M" "$@" > "$OUT"', 'sh', process.execPath, BIN, ...args], {
      env: { ...toolEnv(), OUT: out, CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache') },
      maxBuffer: 1024 * 1024,
    }).catch((e: { code: number; stderr: string }) => e);
    const megabytes = Number(/PEAK (\d+)/.exec(result.stderr)?.[1]) / 1024;
    return { megabytes, stderr: result.stderr, out };
  };

  it('refuses --asn1 on 31 MB of certificates with a clear limit, within 512 MB', async () => {
    const { path, certificates } = await bundleOf('31mb.pem', 31);
    const answer = await peak(['inspect', path, '--json', '--asn1']);
    // With --json the refusal is the JSON error object on stdout.
    expect(await readFile(answer.out, 'utf8')).toContain(`--asn1 prints the ASN.1 tree of at most 1000 certificates and this input holds ${certificates}`);
    expect(answer.megabytes).toBeLessThan(512);
  });

  it('lists 20 MB of certificates as JSON, one object at a time, within 512 MB', async () => {
    const { path, certificates } = await bundleOf('20mb.pem', 20);
    const answer = await peak(['inspect', path, '--json']);
    expect(answer.megabytes).toBeLessThan(512);
    const { objects } = JSON.parse(await readFile(answer.out, 'utf8')) as { objects: unknown[] };
    expect(objects).toHaveLength(certificates);
  });
});
