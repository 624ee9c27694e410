import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Elevator } from '../../electron/services/elevation/elevator.js';
import { NodeProcessRunner, type ProcessRunner } from '../../electron/services/process/process-runner.js';
import type { ServiceEnv } from '../../electron/services/service-env.js';
import { LINUX_STORE_ROOT_ENV } from '../../electron/services/trust-stores/linux-layout.js';
import { cleanEnv } from './trust-pki.js';

/** A temp world for trust tests: data dir, home, and a Debian store tree for the directory flags. */
export interface TrustWorld {
  readonly root: string;
  readonly home: string;
  readonly env: ServiceEnv;
  readonly elevator: Elevator;
  /** The sandboxed Debian tree (`CERTBENCH_LINUX_STORE_ROOT`). */
  readonly linuxRoot: string;
  cleanup(): void;
}

export function makeTrustWorld(
  options: { runner?: ProcessRunner; platform?: NodeJS.Platform; privileged?: boolean; distributionPem?: string; elevatedRunner?: string } = {},
): TrustWorld {
  const root = mkdtempSync(join(tmpdir(), 'cb-trust-'));
  const home = join(root, 'home');
  const linuxRoot = join(root, 'sysroot');
  for (const d of ['usr/local/share/ca-certificates', 'usr/share/ca-certificates', 'etc/ssl/certs', 'etc/ca-certificates/update.d', 'tmp']) {
    mkdirSync(join(linuxRoot, d), { recursive: true });
  }
  // A distribution root, as a real system has: update-ca-certificates leaves the old bundle in
  // place when no certificate at all remains, which a realistic tree never hits.
  if (options.distributionPem) writeFileSync(join(linuxRoot, 'usr/share/ca-certificates/dist.crt'), options.distributionPem);
  writeFileSync(join(linuxRoot, 'etc/ca-certificates.conf'), options.distributionPem ? 'dist.crt\n' : '');
  mkdirSync(home, { recursive: true });
  const env: ServiceEnv = {
    runner: options.runner ?? new NodeProcessRunner(),
    now: () => new Date(),
    dataDir: join(root, 'data'),
    env: cleanEnv({ HOME: home, [LINUX_STORE_ROOT_ENV]: linuxRoot }),
    platform: options.platform ?? 'linux',
    homeDir: home,
    ...(options.elevatedRunner === undefined ? {} : { elevatedRunner: options.elevatedRunner }),
  };
  return {
    root,
    home,
    env,
    linuxRoot,
    elevator: new Elevator(env, options.privileged ?? true),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * The in-process CLI builds its ServiceEnv from process.env: point its home, data dir and Linux
 * store root into `world` (the caller restores process.env afterwards).
 */
export function pointProcessEnvAt(world: TrustWorld): void {
  process.env.HOME = world.home;
  process.env.CERTBENCH_DATA_DIR = world.env.dataDir;
  process.env[LINUX_STORE_ROOT_ENV] = world.linuxRoot;
}
