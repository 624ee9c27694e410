import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/** An NSS database found on this machine and what uses it. */
export interface FoundNssDb {
  readonly dir: string;
  readonly detail: string;
}

/**
 * Firefox profile roots per OS (docs/trust-stores.md §4): classic, snap and flatpak on Linux, and the
 * XDG location newer Firefox uses for new profiles.
 */
function firefoxRoots(platform: NodeJS.Platform, home: string, env: NodeJS.ProcessEnv): { dir: string; flavour: string }[] {
  if (platform === 'darwin') return [{ dir: join(home, 'Library/Application Support/Firefox'), flavour: 'Firefox' }];
  if (platform === 'win32') return [{ dir: join(env.APPDATA ?? join(home, 'AppData/Roaming'), 'Mozilla/Firefox'), flavour: 'Firefox' }];
  return [
    { dir: join(home, '.mozilla/firefox'), flavour: 'Firefox' },
    { dir: join(home, 'snap/firefox/common/.mozilla/firefox'), flavour: 'Firefox (snap)' },
    { dir: join(home, '.var/app/org.mozilla.firefox/.mozilla/firefox'), flavour: 'Firefox (flatpak)' },
    { dir: join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'mozilla/firefox'), flavour: 'Firefox (XDG)' },
  ];
}

/** Chrome, Chromium and Electron apps on Linux share the user's ~/.pki/nssdb. */
function sharedDbs(platform: NodeJS.Platform, home: string): FoundNssDb[] {
  if (platform !== 'linux') return [];
  return [
    { dir: join(home, '.pki/nssdb'), detail: 'Chrome, Chromium and Electron apps (~/.pki/nssdb)' },
    { dir: join(home, 'snap/chromium/current/.pki/nssdb'), detail: 'Chromium (snap)' },
  ];
}

/** Profiles listed in a profiles.ini (`[Profile*]` sections, `Path=`, `IsRelative=`, `Name=`). */
export function parseProfilesIni(text: string, rootDir: string): { dir: string; name: string }[] {
  const out: { dir: string; name: string }[] = [];
  let section: Record<string, string> | undefined;
  const flush = () => {
    if (section?.Path) {
      const relative = section.IsRelative !== '0' && !isAbsolute(section.Path);
      out.push({ dir: relative ? join(rootDir, section.Path) : section.Path, name: section.Name ?? section.Path });
    }
  };
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      flush();
      section = /^\[Profile\w*\]$/i.test(line) ? {} : undefined;
    } else if (section && line.includes('=')) {
      const eq = line.indexOf('=');
      section[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
  }
  flush();
  return out;
}

/** Every NSS database on this machine that holds cert9.db or cert8.db. */
export async function discoverNssDbs(platform: NodeJS.Platform, home: string, env: NodeJS.ProcessEnv): Promise<FoundNssDb[]> {
  const candidates: FoundNssDb[] = [];
  for (const root of firefoxRoots(platform, home, env)) {
    const ini = await readFile(join(root.dir, 'profiles.ini'), 'utf8').catch(() => undefined);
    if (ini === undefined) continue;
    for (const p of parseProfilesIni(ini, root.dir)) candidates.push({ dir: p.dir, detail: `${root.flavour} profile ${p.name}` });
  }
  candidates.push(...sharedDbs(platform, home));
  const found: FoundNssDb[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.dir) || !(await hasNssDb(c.dir))) continue;
    seen.add(c.dir);
    found.push(c);
  }
  return found;
}

async function hasNssDb(dir: string): Promise<boolean> {
  for (const name of ['cert9.db', 'cert8.db']) {
    if (await stat(join(dir, name)).then(() => true, () => false)) return true;
  }
  return false;
}
