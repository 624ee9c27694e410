import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { CA_CERTIFICATES_JAVA_JAR, prepareDebianCopies, runInDebianNamespace } from '../../helpers/debian-namespace.js';
import { guardHostStores } from '../../helpers/trust-host-guard.js';
import { makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

guardHostStores();

const CLI = resolve(import.meta.dirname, '../../../bin/certbench.cjs');
const JAVA_CACERTS = '/etc/ssl/certs/java/cacerts';
// ca-certificates-java comes with Debian's JDK; without it (or without mount namespaces) there is nothing to prove here.
const ready = existsSync(CA_CERTIFICATES_JAVA_JAR) && spawnSync('unshare', ['-m', 'true']).status === 0;

interface MapRow {
  store: { id: string; kind: string };
  state: string;
}

/**
 * The real Debian store in a mount namespace (copies bound over /etc/ssl/certs, the CA dirs and
 * the hooks dir), driven by the built CLI: the add's plan names the Java side effect, the trust map
 * then shows the OS store and Java cacerts holding the root, and the removal takes it out of both
 * (keytool and openssl confirm), the Java alias through the keystore service with a backup first.
 */
describe.skipIf(!ready)('Debian store with ca-certificates-java, built CLI in a namespace', () => {
  let dir: string;
  let copies: string[];
  let pki: TrustPki;
  let env: Record<string, string>;
  let alias: string;

  const inNs = (argv: string[]) => runInDebianNamespace(copies, argv, env);
  const certbench = (...args: string[]) => inNs([process.execPath, CLI, ...args]);
  const keytoolHas = () => inNs(['keytool', '-J-Duser.language=en', '-list', '-keystore', JAVA_CACERTS, '-storepass', 'changeit', '-alias', alias]);
  const verify = () => inNs(['openssl', 'verify', '-no-CAfile', '-no-CAstore', '-CApath', '/etc/ssl/certs', pki.leafPath]);
  const map = () => JSON.parse(certbench('trust', 'where', pki.rootPath, '--json').stdout) as { rows: MapRow[] };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-debian-ns-'));
    copies = prepareDebianCopies(dir);
    pki = makeTrustPki('Certbench Namespace Root');
    alias = `debian:certbench-${sha256Hex(pki.rootDer).slice(0, 16)}.pem`;
    env = { HOME: join(dir, 'home'), CERTBENCH_DATA_DIR: join(dir, 'data') };
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removePki(pki);
  });

  it('add: the plan names the Java side effect, and the map shows the OS store and Java cacerts holding the root', () => {
    const added = certbench('trust', 'add', pki.rootPath, '--store', 'linux-debian', '--yes');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain(`also: hook jks-keystore (ca-certificates-java) also adds it to the Java keystore ${JAVA_CACERTS} as alias ${alias}`);
    expect(added.stdout).toContain('done: added to linux-debian and confirmed by re-listing');
    expect(keytoolHas().status).toBe(0);
    expect(verify().status).toBe(0);
    const rows = map().rows;
    expect(rows.find((r) => r.store.kind === 'linux')?.state).toBe('present');
    expect(rows.find((r) => r.store.kind === 'java')?.state).toBe('present');
  });

  it('remove: the plan deletes the Java alias too, and afterwards no store holds it', () => {
    const removed = certbench('trust', 'remove', pki.rootPath, '--store', 'linux-debian', '--yes');
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain(`$ keytool -delete -alias ${alias} -keystore '${JAVA_CACERTS} (a backed-up temp copy)'`);
    expect(removed.stdout).toContain('done: removed from linux-debian and confirmed by re-listing');
    // The alias went through the keystore service, which backed cacerts up first.
    const backups = JSON.parse(certbench('keystore', 'backups', '--json').stdout) as { backups: { originalPath: string; operation: string }[] };
    expect(backups.backups).toEqual([expect.objectContaining({ originalPath: JAVA_CACERTS, operation: `delete ${alias}` })]);
    const listed = keytoolHas();
    expect(listed.status).toBe(1);
    expect(listed.stdout).toContain(`Alias <${alias}> does not exist`);
    expect(verify().status).not.toBe(0);
    const rows = map().rows;
    expect(rows.filter((r) => r.state === 'present')).toEqual([]);
    expect(readdirSync(copies[1]!)).toEqual([]);
  });
});
