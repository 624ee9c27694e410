import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINUX_STORE_ROOT_ENV } from '../../../electron/services/trust-stores/linux-layout.js';
import { runInMountNamespace } from '../../helpers/mount-namespace.js';
import { guardHostStores } from '../../helpers/trust-host-guard.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

guardHostStores();

const CLI = resolve(import.meta.dirname, '../../../bin/certbench.cjs');

/**
 * Stand-in for RHEL's update-ca-trust, which Debian does not ship: what `extract [--output=DIR]`
 * does for two of its formats, rebuilt from the distribution and local anchors each run: the TLS PEM
 * bundle and the Java keystore (JKS, changeit). It is ours, not Red Hat's script; what it proves is
 * that Certbench's RHEL plan runs as shown, names the Java side effect, and that removal leaves no
 * store holding the root once the extracted formats are rebuilt.
 */
const UPDATE_CA_TRUST_STANDIN = `#!/bin/sh
set -e
out=/etc/pki/ca-trust/extracted
for a in "$@"; do case "$a" in --output=*) out="\${a#--output=}";; esac; done
pki=$(dirname "$(dirname "$out")")
root=$(dirname "$(dirname "$pki")")
mkdir -p "$out/pem" "$out/java"
: > "$out/pem/tls-ca-bundle.pem"
rm -f "$out/java/cacerts"
for f in "$root"/usr/share/pki/ca-trust-source/anchors/*.pem "$pki"/ca-trust/source/anchors/*.pem; do
  [ -e "$f" ] || continue
  cat "$f" >> "$out/pem/tls-ca-bundle.pem"
  keytool -J-Duser.language=en -importcert -noprompt -alias "$(basename "$f" .pem)" -file "$f" -keystore "$out/java/cacerts" -storetype JKS -storepass changeit >/dev/null 2>&1
done
`;

const ready = spawnSync('unshare', ['-m', 'true']).status === 0;

describe.skipIf(!ready)('RHEL-shaped tree: built CLI, update-ca-trust stand-in over /usr/bin in a namespace', () => {
  let dir: string;
  let tree: string;
  let pki: TrustPki;
  let dist: TrustPki;
  let javaStore: string;

  /** Overlays /usr/bin inside a private mount namespace so the stand-in sits at /usr/bin/update-ca-trust. */
  const inNs = (argv: string[]) =>
    runInMountNamespace(
      {
        mounts: [['-t', 'overlay', 'overlay', '-o', `lowerdir=/usr/bin,upperdir=${join(dir, 'up')},workdir=${join(dir, 'work')}`, '/usr/bin']],
        copies: [[join(dir, 'update-ca-trust'), '/usr/bin/update-ca-trust']],
      },
      argv,
      cleanEnv({ HOME: join(dir, 'home'), CERTBENCH_DATA_DIR: join(dir, 'data'), [LINUX_STORE_ROOT_ENV]: tree }),
    );
  const certbench = (...args: string[]) => inNs([process.execPath, CLI, ...args]);
  const rows = () =>
    (JSON.parse(certbench('trust', 'where', pki.rootPath, '--store', javaStore, '--json').stdout) as { rows: { store: { id: string }; state: string }[] }).rows;
  const keytoolAliases = () =>
    spawnSync('keytool', ['-J-Duser.language=en', '-list', '-keystore', join(tree, 'etc/pki/ca-trust/extracted/java/cacerts'), '-storepass', 'changeit'], { env: cleanEnv(), encoding: 'utf8' }).stdout;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-rhel-ns-'));
    tree = join(dir, 'sysroot');
    for (const d of ['up', 'work', 'home']) mkdirSync(join(dir, d));
    for (const d of ['etc/pki/ca-trust/source/anchors', 'etc/pki/ca-trust/extracted', 'usr/share/pki/ca-trust-source/anchors']) mkdirSync(join(tree, d), { recursive: true });
    writeFileSync(join(dir, 'update-ca-trust'), UPDATE_CA_TRUST_STANDIN);
    chmodSync(join(dir, 'update-ca-trust'), 0o755);
    pki = makeTrustPki('Certbench RHEL Root');
    dist = makeTrustPki('RHEL Distribution Root');
    writeFileSync(join(tree, 'usr/share/pki/ca-trust-source/anchors/dist.pem'), dist.rootPem);
    javaStore = `java:${join(tree, 'etc/pki/ca-trust/extracted/java/cacerts')}`;
    expect(inNs(['/usr/bin/update-ca-trust', 'extract', `--output=${join(tree, 'etc/pki/ca-trust/extracted')}`]).status).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removePki(pki);
    removePki(dist);
  });

  it('add: the plan names the extracted Java keystore, and the map shows the OS store and that keystore holding the root', () => {
    const added = certbench('trust', 'add', pki.rootPath, '--store', 'linux-rhel', '--yes');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain(`$ /usr/bin/update-ca-trust extract --output=${join(tree, 'etc/pki/ca-trust/extracted')}`);
    expect(added.stdout).toContain(`also: update-ca-trust extract also rewrites ${join(tree, 'etc/pki/ca-trust/extracted/java/cacerts')} (Java)`);
    const map = rows();
    expect(map.find((r) => r.store.id === 'linux')?.state).toBe('present');
    expect(map.find((r) => r.store.id === javaStore)?.state).toBe('present');
    expect(keytoolAliases()).toMatch(/certbench-[0-9a-f]{16}, /);
  });

  it('remove: extracting again takes it out of the Java keystore too; no store holds it', () => {
    const removed = certbench('trust', 'remove', pki.rootPath, '--store', 'linux-rhel', '--yes');
    expect(removed.status).toBe(0);
    expect(rows().filter((r) => r.state === 'present')).toEqual([]);
    expect(keytoolAliases()).not.toMatch(/certbench-/);
    expect(keytoolAliases()).toMatch(/^dist, /m);
    expect(readdirSync(join(tree, 'etc/pki/ca-trust/source/anchors'))).toEqual([]);
  });
});
