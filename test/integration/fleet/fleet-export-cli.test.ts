import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import plist from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha1Hex } from '../../../shared/pki/hash.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

const CLI = resolve(import.meta.dirname, '../../../bin/certbench.cjs');

/** `trust export` through the built CLI in all four formats, each checked by its own parser. */
describe('certbench trust export (built CLI)', () => {
  let dir: string;
  let pki: TrustPki;
  const exportTo = (format: string): string => {
    const out = join(dir, `export.${format}`);
    const r = spawnSync(process.execPath, [CLI, 'trust', 'export', pki.rootPath, '--format', format, '--out', out], { env: cleanEnv({ HOME: dir }), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return out;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-fleet-cli-'));
    pki = makeTrustPki('Fleet CLI Root');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removePki(pki);
  });

  it('mobileconfig parses as a plist whose root payload is the certificate', () => {
    const profile = plist.parse(readFileSync(exportTo('mobileconfig'), 'utf8')) as { PayloadContent: { PayloadType: string; PayloadContent: Buffer }[] };
    const payload = profile.PayloadContent.find((p) => p.PayloadType === 'com.apple.security.root');
    expect(payload && new Uint8Array(payload.PayloadContent)).toEqual(pki.rootDer);
  });

  it('the shell script passes sh -n', () => {
    const r = spawnSync('sh', ['-n', exportTo('shell')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('the Ansible playbook passes ansible-playbook --syntax-check', () => {
    const playbook = exportTo('ansible');
    const home = join(dir, 'ansible-home');
    mkdirSync(home, { recursive: true });
    const env = cleanEnv({ HOME: home, ANSIBLE_LOCAL_TEMP: join(home, 'tmp'), ANSIBLE_NOCOLOR: '1' });
    const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', playbook, '--syntax-check'], { env, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain(`playbook: ${playbook}`);
    expect(r.status).toBe(0);
  });

  it('the PowerShell script: thumbprint, here-string and base64 agree with the certificate (no PowerShell here)', () => {
    const text = readFileSync(exportTo('powershell'), 'utf8');
    expect(text.startsWith('#Requires -RunAsAdministrator')).toBe(true);
    expect(text).toContain(`$expectedThumbprint = '${sha1Hex(pki.rootDer).toUpperCase()}'`);
    expect(text).toContain("$storePath = 'Cert:\\LocalMachine\\Root'");
    // A single-quoted here-string: '@ must open at a line end and close at a line start, with nothing expandable inside.
    const body = /^\$certificateBase64 = @'\n([A-Za-z0-9+/=\n]+)\n'@$/m.exec(text)?.[1];
    expect(body).toBeDefined();
    expect(new Uint8Array(Buffer.from(body!.replace(/\n/g, ''), 'base64'))).toEqual(pki.rootDer);
    expect(text.split('\n').filter((l) => l === "'@")).toHaveLength(1);
    expect(text).toContain('Import-Certificate -FilePath $temporaryFile -CertStoreLocation $storePath');
  });
});
