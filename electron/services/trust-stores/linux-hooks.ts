import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LinuxLayout } from './linux-layout.js';

/** The hook ca-certificates-java installs; it feeds update-ca-certificates' `+`/`-` lines to the Java keystore. */
export const JAVA_HOOK = 'jks-keystore';

/**
 * The hooks update-ca-certificates will run, as `run-parts --test` picks them: executable regular
 * files whose names hold only letters, digits, `_` and `-` (run-parts(8)), in name order.
 */
export async function debianHooks(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const hooks: string[] = [];
  for (const name of names.sort()) {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) continue;
    const s = await stat(join(dir, name)).catch(() => undefined);
    if (s?.isFile() && (s.mode & 0o111) !== 0) hooks.push(name);
  }
  return hooks;
}

/**
 * What a refresh changes besides the system bundle, in plain language. Debian: each hook, with
 * ca-certificates-java's known effect on `<etc/ssl/certs>/java/cacerts` (alias `debian:<name>.pem`);
 * RHEL: `update-ca-trust extract` rewrites every extracted format, Java's included.
 */
export async function refreshSideEffects(layout: LinuxLayout, linkName: string, action: 'add' | 'remove'): Promise<string[]> {
  if (layout.family === 'rhel') {
    return [
      `update-ca-trust extract also rewrites ${layout.javaCacerts} (Java) and the OpenSSL, PEM and EDK2 bundles beside it from the anchors, so the certificate is ${action === 'add' ? 'added to' : 'removed from'} them too`,
    ];
  }
  const hooks = await debianHooks(layout.hooksDir!);
  return hooks.map((hook) => {
    if (hook !== JAVA_HOOK) return `hook ${hook} in ${layout.hooksDir} also runs; Certbench does not know what it changes`;
    return action === 'add'
      ? `hook ${JAVA_HOOK} (ca-certificates-java) also adds it to the Java keystore ${layout.javaCacerts} as alias debian:${linkName}`
      : `hook ${JAVA_HOOK} (ca-certificates-java) gets no removal line from update-ca-certificates --fresh, so the keytool step above deletes the alias it added`;
  });
}
