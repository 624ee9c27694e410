import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolEnv } from '../../helpers/inspect-openssl.js';

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

  // GNU time measures the CLI's peak memory; the CLI's stdout goes to a file (a 20 MB listing).
  const peak = async (args: string[]) => {
    const out = join(dir, 'out.json');
    const peakFile = join(dir, 'peak.txt');
    const stdout = await open(out, 'w');
    try {
      const child = spawn('/usr/bin/time', ['-f', 'PEAK %M', '-o', peakFile, process.execPath, BIN, ...args], {
        env: { ...toolEnv(), CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache') },
        stdio: ['ignore', stdout.fd, 'ignore'],
      });
      await new Promise((resolve) => child.on('close', resolve));
    } finally {
      await stdout.close();
    }
    const megabytes = Number(/PEAK (\d+)/.exec(await readFile(peakFile, 'utf8'))?.[1]) / 1024;
    return { megabytes, out };
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
