import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Pkcs12KeystoreReader } from './keystore/pkcs12-keystore-reader.js';
import type { PfxReader } from './pkcs12/pfx-reader.js';
import type { KeyDecryptor } from './private-keys/read-private-key.js';
import { NodeProcessRunner, type ProcessRunner } from './process/process-runner.js';

/**
 * Everything a service takes from its surroundings, passed in so tests can use temp dirs, a fixed
 * clock and (for tools that cannot run here) a recording runner.
 */
export interface ServiceEnv {
  readonly runner: ProcessRunner;
  readonly now: () => Date;
  /** Where Certbench keeps its own files (keystore backups, generated keys, settings). */
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly homeDir: string;
  /** Opens untrusted PKCS#12 files; absent: in-process. The app passes a worker-thread reader. */
  readonly pfxReader?: PfxReader;
  /** Opens PKCS#12 keystores the user opens in the app's keystore workspace, likewise. */
  readonly pkcs12KeystoreReader?: Pkcs12KeystoreReader;
  /** Decrypts encrypted private keys of untrusted files; absent: in-process. The app passes a worker-thread one. */
  readonly keyDecryptor?: KeyDecryptor;
  /**
   * The bundled elevated runner (elevated-runner.cjs) the Elevator hands to pkexec/osascript;
   * defaults to the one beside the running bundle. Sources have none: tests build it.
   */
  readonly elevatedRunner?: string;
}

/**
 * The data folder the app and the CLI share, so a backup made by one is listed by the other. It
 * matches Electron's userData for productName "Certbench"; CERTBENCH_DATA_DIR overrides it.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (env.CERTBENCH_DATA_DIR) return env.CERTBENCH_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Certbench');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Certbench');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Certbench');
}

export function defaultServiceEnv(overrides: Partial<ServiceEnv> = {}): ServiceEnv {
  const env = overrides.env ?? process.env;
  const platform = overrides.platform ?? process.platform;
  const homeDir = overrides.homeDir ?? homedir();
  return {
    runner: overrides.runner ?? new NodeProcessRunner(),
    now: overrides.now ?? (() => new Date()),
    dataDir: overrides.dataDir ?? defaultDataDir(platform, env, homeDir),
    env,
    platform,
    homeDir,
    ...(overrides.pfxReader ? { pfxReader: overrides.pfxReader } : {}),
    ...(overrides.pkcs12KeystoreReader ? { pkcs12KeystoreReader: overrides.pkcs12KeystoreReader } : {}),
    ...(overrides.keyDecryptor ? { keyDecryptor: overrides.keyDecryptor } : {}),
    elevatedRunner: overrides.elevatedRunner ?? bundledElevatedRunner(),
  };
}

/**
 * scripts/build.mjs writes elevation/elevated-runner.cjs beside the CLI's chunks (dist/cli) and the
 * app's main (dist/electron); both bundles are CommonJS, where `__dirname` is the bundle's folder.
 */
function bundledElevatedRunner(): string | undefined {
  return typeof __dirname === 'string' ? elevatedRunnerBeside(__dirname) : undefined;
}

/**
 * The runner beside the bundle in `bundleDir`. In the packaged app that folder is inside the
 * app.asar archive (resources/app.asar/dist/electron), not a real folder; the elevated process
 * starts the runner by path, so the path names the real file electron-builder unpacks
 * (`asarUnpack`) at the same place under resources/app.asar.unpacked.
 */
export function elevatedRunnerBeside(bundleDir: string): string {
  return join(bundleDir, 'elevation', 'elevated-runner.cjs').replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
