/**
 * Per-client verdicts and the fixes that depend on them, from files (no server): the documented
 * macOS rules, a JDK cacerts that lacks the root (a Java-only failure), and the expired cross-sign
 * fixes that must name the current root and never the expired path.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainReport } from '../../../shared/model/chain.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { daysFrom, issueCert, makeCrossSignedPki, makeHierarchy, type PkiCert } from '../../helpers/chain-pki.js';

const verdicts = (r: ChainReport) => Object.fromEntries(r.clients.map((c) => [c.client, c.trusted]));

describe('per-client verdicts from files', () => {
  let t: ChainTestEnv;
  const pem = (name: string, certs: readonly PkiCert[]) => t.writePem(name, certs);

  beforeAll(async () => {
    t = await makeChainTestEnv();
  });
  afterAll(() => t.cleanup());

  it('macOS alone refuses a leaf without serverAuth EKU valid for more than 825 days', async () => {
    const h = await makeHierarchy({ prefix: 'Verdicts', leaf: { eku: null, notAfter: daysFrom(new Date(), 900) } });
    const r = await t.service.verifyFiles([await pem('chain.pem', [h.leaf, h.intermediate])], { hostname: 'localhost', trust: [`pem:${await pem('root.pem', [h.root])}`] });
    expect(verdicts(r)).toEqual({ openssl: true, gnutls: true, java: true, nss: true, chromium: true, windows: true, macos: false });
    const mac = r.clients.find((c) => c.client === 'macos')!;
    expect(mac.documented).toBe(true);
    expect(mac.reasons.map((x) => x.code)).toEqual(['eku-mismatch', 'validity-too-long']);
    const picked = await t.service.verifyFiles([await pem('chain.pem', [h.leaf, h.intermediate])], { hostname: 'localhost', trust: [`pem:${await pem('root.pem', [h.root])}`], clients: ['macos'] });
    expect(picked.trusted).toBe(false);
    expect(picked.diagnoses[0]).toMatchObject({ code: 'eku-mismatch', severity: 'error' });
  });

  it('a JDK cacerts without the root fails Java only; the other clients use the other source', async () => {
    const h = await makeHierarchy({ prefix: 'Java Only' });
    const unrelated = await issueCert({ name: 'Unrelated Root' });
    const cacerts = join(t.dir, 'cacerts.jks');
    await writeFile(join(t.dir, 'unrelated.pem'), unrelated.pem);
    await promisify(execFile)('keytool', ['-importcert', '-noprompt', '-keystore', cacerts, '-storetype', 'JKS', '-storepass', 'changeit', '-alias', 'u', '-file', join(t.dir, 'unrelated.pem')]);
    const r = await t.service.verifyFiles([await pem('java-chain.pem', [h.leaf, h.intermediate])], {
      hostname: 'localhost',
      trust: [`pem:${await pem('java-root.pem', [h.root])}`, `jdk:${cacerts}`],
    });
    expect(r.trusted).toBe(true);
    const java = r.clients.find((c) => c.client === 'java')!;
    expect(java).toMatchObject({ trusted: false, anchors: [`JDK cacerts ${cacerts}`] });
    expect(r.clients.filter((c) => !c.trusted).map((c) => c.client)).toEqual(['java']);
    expect(r.diagnoses).toContainEqual(expect.objectContaining({ code: 'untrusted-root', severity: 'warning', fix: expect.objectContaining({ place: 'java-keystore' }) }));
    // Two JDKs, two cacerts: one Java row each; picking Java needs both to trust.
    const good = join(t.dir, 'good-cacerts.jks');
    await promisify(execFile)('keytool', ['-importcert', '-noprompt', '-keystore', good, '-storetype', 'JKS', '-storepass', 'changeit', '-alias', 'r', '-file', await pem('java-root2.pem', [h.root])]);
    const two = await t.service.verifyFiles([await pem('java-chain.pem', [h.leaf, h.intermediate])], {
      hostname: 'localhost',
      trust: [`pem:${await pem('java-root.pem', [h.root])}`, `jdk:${cacerts}`, `jdk:${good}`],
      clients: ['java'],
    });
    expect(two.clients.filter((c) => c.client === 'java').map((c) => [c.anchors[0], c.trusted])).toEqual([[`JDK cacerts ${cacerts}`, false], [`JDK cacerts ${good}`, true]]);
    expect(two.trusted).toBe(false);
  });

  it('an expired cross-sign with neither root trusted names the current root and never advises the expired one', async () => {
    const x = await makeCrossSignedPki({ expiredCrossSign: true });
    const r = await t.service.verifyFiles([await pem('xs.pem', [x.leaf, x.intermediate, x.crossSigned])], { hostname: 'localhost', trust: [`pem:${await pem('none.pem', [await issueCert({ name: 'Nobody' })])}`] });
    const d = r.diagnoses.find((x) => x.code === 'expired-cross-sign')!;
    expect(d.severity).toBe('error');
    expect(d.fix.text).toMatch(/Do not install "Certbench Old Root"/);
    expect(d.fix.text).toMatch(/current root "Certbench New Root"/);
    expect(r.diagnoses.some((x) => /Add the root "Certbench Old Root"/.test(x.fix.text))).toBe(false);
  });

  it('an expired cross-sign with only the old root trusted points to the current root', async () => {
    const x = await makeCrossSignedPki({ expiredCrossSign: true });
    const r = await t.service.verifyFiles([await pem('xs2.pem', [x.leaf, x.intermediate, x.crossSigned])], { hostname: 'localhost', trust: [`pem:${await pem('old.pem', [x.oldRoot])}`] });
    expect(r.trusted).toBe(false);
    const d = r.diagnoses.find((x) => x.code === 'expired')!;
    expect(d.fix.text).toMatch(/current self-signed root "Certbench New Root"/);
  });

  it('never advises installing an expired root the files end in', async () => {
    const old = await issueCert({ name: 'Expired Company Root', notBefore: daysFrom(new Date(), -800), notAfter: daysFrom(new Date(), -10) });
    const inter = await issueCert({ name: 'Under Expired', issuer: old, ca: true, notBefore: daysFrom(new Date(), -700), notAfter: daysFrom(new Date(), 300) });
    const leaf = await issueCert({ name: 'localhost', issuer: inter, dns: ['localhost'] });
    const r = await t.service.verifyFiles([await pem('expired-root-chain.pem', [leaf, inter, old])], { hostname: 'localhost', trust: [`pem:${await pem('nobody.pem', [await issueCert({ name: 'Nobody 2' })])}`] });
    const d = r.diagnoses.find((x) => x.code === 'self-signed-in-chain')!;
    expect(d.fix.text).toMatch(/Do not install "Expired Company Root": it expired/);
    expect(d.fix.place).not.toBe('trust-store');
  });
});
