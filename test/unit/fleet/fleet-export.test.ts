import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import plist from 'plist';
import { afterAll, describe, expect, it } from 'vitest';
import { exportForFleet } from '../../../electron/services/fleet-export/fleet-export-service.js';
import { printableAscii } from '../../../electron/services/fleet-export/fleet-root.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { parseCertificate } from '../../../shared/pki/certificate-summary.js';
import { sha1Hex, sha256Hex } from '../../../shared/pki/hash.js';
import { selfSignedWithCn } from '../../helpers/trust-hostile.js';
import { makeTrustPki, removePki } from '../../helpers/trust-pki.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/trust');
const [root] = certificateDers(readFileSync(join(FIXTURES, 'sample-roots.pem')));
const dir = mkdtempSync(join(tmpdir(), 'cb-fleet-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('macOS .mobileconfig', () => {
  it('parses as a plist with one com.apple.security.root payload holding the DER', () => {
    const out = exportForFleet(root!, 'mobileconfig');
    expect(out.fileName).toBe(`certbench-${sha256Hex(root!).slice(0, 16)}.mobileconfig`);
    const profile = plist.parse(out.content) as Record<string, unknown>;
    expect(profile).toMatchObject({ PayloadType: 'Configuration', PayloadScope: 'System', PayloadVersion: 1 });
    const payloads = profile.PayloadContent as Record<string, unknown>[];
    expect(payloads).toHaveLength(1);
    expect(payloads[0]!.PayloadType).toBe('com.apple.security.root');
    expect(new Uint8Array(payloads[0]!.PayloadContent as Buffer)).toEqual(root);
    expect(profile.PayloadUUID).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-8[0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(profile.PayloadUUID).not.toBe(payloads[0]!.PayloadUUID);
    expect(exportForFleet(root!, 'mobileconfig').content).toBe(out.content);
  });
});

describe('Windows PowerShell script (textual: no Windows here)', () => {
  const text = exportForFleet(root!, 'powershell').content;

  it('imports into Cert:\\LocalMachine\\Root with Import-Certificate', () => {
    expect(text).toContain("$storePath = 'Cert:\\LocalMachine\\Root'");
    expect(text).toContain('Import-Certificate -FilePath $temporaryFile -CertStoreLocation $storePath');
    expect(text).toMatch(/^#Requires -RunAsAdministrator\n/);
  });

  it('is idempotent and checks the thumbprint before and after', () => {
    expect(text).toContain(`$expectedThumbprint = '${sha1Hex(root!).toUpperCase()}'`);
    const alreadyCheck = text.indexOf('if (Test-Path -LiteralPath (Join-Path $storePath $expectedThumbprint))');
    expect(alreadyCheck).toBeGreaterThan(0);
    expect(alreadyCheck).toBeLessThan(text.indexOf('Import-Certificate'));
    expect(text).toContain('if ($certificate.Thumbprint -ne $expectedThumbprint)');
    expect(text.lastIndexOf('Test-Path')).toBeGreaterThan(text.indexOf('Import-Certificate'));
  });

  it("keeps the data in a single-quoted here-string that PowerShell never interpolates", () => {
    const body = /\$certificateBase64 = @'\n([\s\S]*?)\n'@\n/.exec(text)?.[1];
    expect(body?.replace(/\n/g, '')).toBe(Buffer.from(root!).toString('base64'));
  });
});

describe('hostile subjects never become code', () => {
  it('strips everything but harmless printable ASCII from the subject text', () => {
    expect(printableAscii('CN=a\n$(id)"\'`\\<&>\u2028é')).toBe('CN=a??(id)?????????');
  });

  it.each(['shell', 'powershell', 'ansible', 'mobileconfig'] as const)('%s output holds the subject only in its sanitised form', async (format) => {
    const der = await selfSignedWithCn('x\n$(touch /tmp/PWN)\r\n#> `id` \'"; rm -rf /', 1);
    const out = exportForFleet(der, format);
    expect(out.content).not.toContain('$(touch');
    expect(out.content).not.toContain('`id`');
    expect(out.content).toContain(printableAscii(parseCertificate(der).subject));
    expect(printableAscii(parseCertificate(der).subject)).toMatch(/^[\x20-\x7e]+$/);
  });

  it('the shell script still passes sh -n', async () => {
    const der = await selfSignedWithCn("'; touch /tmp/PWN; '\n", 2);
    const file = join(dir, 'hostile.sh');
    writeFileSync(file, exportForFleet(der, 'shell').content);
    expect(spawnSync('sh', ['-n', file]).status).toBe(0);
  });

  it('ansible paths are tagged !unsafe so {{ }} in a path is never templated', () => {
    const out = exportForFleet(root!, 'ansible', { nssDbs: ['/home/a/{{ lookup("pipe", "id") }}/nssdb'], javaCacerts: [] });
    expect(out.content).toContain('certbench_nss_dbs: [!unsafe "/home/a/{{ lookup(\\"pipe\\", \\"id\\") }}/nssdb"]');
  });

  it('warns when the certificate is not a root, not when it is', () => {
    const pki = makeTrustPki();
    try {
      expect(exportForFleet(pki.rootDer, 'shell').warnings).toEqual([]);
      expect(exportForFleet(pki.intermediateDer, 'shell').warnings.join(' ')).toMatch(/intermediate CA/);
      expect(exportForFleet(pki.leafDer, 'shell').warnings.join(' ')).toMatch(/not a CA/);
    } finally {
      removePki(pki);
    }
  });
});
