import { win32 } from 'node:path';
import { runQuietly, type DiscoveryContext, type JdkCandidate } from './jdk-candidate.js';

/*
 * Windows sources. NOT run on a real Windows machine here: unit tests check the exact `reg query`
 * argv and parse synthesized samples of the documented `reg query` output (not captured on
 * Windows), and replay fake Program Files listings.
 */

/** Vendor folders under Program Files whose children are JDK/JRE homes. */
const VENDOR_DIRS = [
  'Java',
  'Eclipse Adoptium',
  'Eclipse Foundation',
  'AdoptOpenJDK',
  'Microsoft',
  'Zulu',
  'Azul Systems\\Zulu',
  'Amazon Corretto',
  'BellSoft',
  'Semeru',
  'IBM\\Semeru',
  'RedHat',
  'ojdkbuild',
];

/** Registry keys (HKLM, both views) whose subkeys carry a JDK home in JavaHome, Path or InstallationPath. */
export const REGISTRY_KEYS = [
  'SOFTWARE\\JavaSoft\\JDK',
  'SOFTWARE\\JavaSoft\\JRE',
  'SOFTWARE\\JavaSoft\\Java Development Kit',
  'SOFTWARE\\JavaSoft\\Java Runtime Environment',
  'SOFTWARE\\Eclipse Adoptium',
  'SOFTWARE\\Eclipse Foundation',
  'SOFTWARE\\AdoptOpenJDK',
  'SOFTWARE\\Microsoft\\JDK',
  'SOFTWARE\\Azul Systems\\Zulu',
  'SOFTWARE\\Amazon Corretto',
  'SOFTWARE\\BellSoft\\Liberica',
].flatMap((key) => [`HKLM\\${key}`, `HKLM\\${key.replace('SOFTWARE\\', 'SOFTWARE\\WOW6432Node\\')}`]);

const HOME_VALUES = new Set(['JavaHome', 'Path', 'InstallationPath']);

/** reg.exe by absolute path, so a `reg.exe` planted on PATH or in the working directory is never run. */
export function regExe(env: NodeJS.ProcessEnv): string {
  return win32.join(env.SystemRoot ?? env.windir ?? 'C:\\Windows', 'System32', 'reg.exe');
}

export async function registryCandidates(ctx: DiscoveryContext): Promise<JdkCandidate[]> {
  const out: JdkCandidate[] = [];
  for (const key of REGISTRY_KEYS) {
    const { stdout } = await runQuietly(ctx, regExe(ctx.env), ['query', key, '/s']);
    out.push(...parseRegQuery(stdout));
  }
  return out;
}

/**
 * `reg query KEY /s` output: a line per key (`HKEY_LOCAL_MACHINE\…\17.0.2`) then indented
 * `    Name    REG_SZ    Value` lines. The version is the first key segment that starts with a digit.
 */
export function parseRegQuery(stdout: string): JdkCandidate[] {
  const out: JdkCandidate[] = [];
  let key = '';
  for (const line of stdout.split(/\r?\n/)) {
    if (line.startsWith('HKEY_')) {
      key = line.trim();
      continue;
    }
    const m = /^\s+(.+?)\s{4}(REG_SZ|REG_EXPAND_SZ)\s{4}(.*)$/.exec(line);
    if (!m || !HOME_VALUES.has(m[1]!)) continue;
    const version = key.split('\\').find((segment) => /^\d/.test(segment));
    out.push({ home: m[3]!.trim().replace(/\\+$/, ''), source: 'registry', ...(version ? { version } : {}) });
  }
  return out;
}

/** Children of the vendor folders in every Program Files directory. */
export async function programFilesCandidates(ctx: DiscoveryContext): Promise<JdkCandidate[]> {
  const roots = [...new Set([ctx.env.ProgramFiles, ctx.env['ProgramFiles(x86)'], ctx.env.ProgramW6432].filter((r): r is string => Boolean(r)))];
  const out: JdkCandidate[] = [];
  for (const root of roots) {
    for (const vendor of VENDOR_DIRS) {
      const dir = win32.join(root, vendor);
      for (const child of await ctx.listDir(dir)) out.push({ home: win32.join(dir, child), source: 'Program Files' });
    }
  }
  return out;
}
