/**
 * The issue's first case through the built CLI (`bin/certbench.cjs`, a separate process): a
 * company-named inspection CA in mitmproxy's confdir, the proxy's root installed or not.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { issueCert, makeHierarchy } from '../../helpers/chain-pki.js';
import { startMitmproxy, type ProxyProcess } from '../../helpers/chain-proxies.js';
import { startChainServer, type ChainServer } from '../../helpers/chain-servers.js';

const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;
const NAME = 'portal.example-shop.com';

interface CliRun {
  readonly code: number;
  readonly json: { trusted: boolean; presented: { pem: string }[]; diagnoses: { code: string; severity: string; fix: string; confidence?: string; evidence?: string[] }[] };
}

describe('certbench chain fetch (built CLI) through a company-named TLS-inspection proxy', () => {
  let t: ChainTestEnv;
  let server: ChainServer;
  let mitm: ProxyProcess;
  let serverRoot: string;
  let gatewayRoot: string;

  const cli = async (...args: string[]): Promise<CliRun> => {
    const env: NodeJS.ProcessEnv = { ...process.env, CERTBENCH_CODE_CACHE_DIR: join(t.dir, 'code-cache') };
    for (const k of ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'HTTPS_PROXY', 'https_proxy']) delete env[k];
    // NAME does not resolve (mitmproxy dials loopback for it): no direct attempt, which would ask DNS.
    const result = await promisify(execFile)(process.execPath, [BIN, 'chain', 'fetch', ...args, '--no-direct', '--json'], { env }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    return { code: result.code, json: JSON.parse(result.stdout) };
  };

  beforeAll(async () => {
    t = await makeChainTestEnv();
    const h = await makeHierarchy({ prefix: 'Example Shop Internal', host: NAME });
    const gateway = await issueCert({ name: 'Example Corp Secure Web Gateway', organization: 'Example Corp', key: { kind: 'rsa', bits: 2048 } });
    server = await startChainServer(h.leaf, [h.intermediate]);
    mitm = await startMitmproxy({ caPem: gateway.keyPem + gateway.pem, upstreamLoopback: true });
    serverRoot = join(t.dir, 'server-root.pem');
    gatewayRoot = join(t.dir, 'gateway-root.pem');
    await writeFile(serverRoot, h.root.pem);
    await writeFile(gatewayRoot, gateway.pem);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([mitm?.stop(), server?.close()]);
    await t?.cleanup();
  });

  it('detects inspection by evidence, blames no server, and saves what the proxy presented', async () => {
    const out = join(t.dir, 'presented.pem');
    const r = await cli(`${NAME}:${server.port}`, '--proxy', mitm.url, '--trust', `pem:${serverRoot}`, '--out', out);
    expect(r.code).toBe(1);
    const d = r.json.diagnoses.find((x) => x.code === 'tls-inspection')!;
    expect(d).toMatchObject({ severity: 'error', confidence: 'high' });
    expect(d.fix).toMatch(/Example Corp Secure Web Gateway/);
    expect(d.fix).not.toMatch(/reissue/i);
    // The proxy sends only its leaf: the evidence names where the path stops and the issuer it lacks, not the leaf as a "root".
    expect(d.evidence).toContainEqual(expect.stringMatching(new RegExp(`^The chain stops at "${NAME.replace(/\./g, '\\.')}", whose issuer \\(.*Example Corp Secure Web Gateway.*\\) was neither sent nor found in a store`)));
    expect(r.json.diagnoses.map((x) => x.code)).not.toContain('missing-intermediate');
    expect(await readFile(out, 'utf8')).toBe(r.json.presented.map((c) => c.pem).join(''));
  });

  it('with the gateway root installed every client trusts it: exit 0, inspection a warning, missing AKI only lint', async () => {
    const r = await cli(`${NAME}:${server.port}`, '--proxy', mitm.url, '--trust', `pem:${gatewayRoot}`);
    expect(r.code).toBe(0);
    expect(r.json.trusted).toBe(true);
    const d = r.json.diagnoses.find((x) => x.code === 'tls-inspection')!;
    expect(d).toMatchObject({ severity: 'warning' });
    expect(d.evidence).toContainEqual(expect.stringMatching(/^The chain ends in ".*Example Corp Secure Web Gateway.*", which is outside the public root programs/));
    expect(r.json.diagnoses.filter((x) => x.severity === 'error')).toEqual([]);
  });
});
