import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverNssDbs, parseProfilesIni } from '../../../electron/services/trust-stores/nss-discovery.js';

const home = mkdtempSync(join(tmpdir(), 'cb-nss-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function profile(dir: string, file = 'cert9.db'): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), '');
}

describe('NSS database discovery', () => {
  it('parses profiles.ini: relative and absolute paths, BOM and CRLF, non-profile sections ignored', () => {
    const ini = '\uFEFF[Install4F96D1932A9F858E]\r\nDefault=abc.default-release\r\n\r\n[Profile1]\r\nName=work\r\nIsRelative=0\r\nPath=/srv/ff/work\r\n\r\n[Profile0]\r\nName=default-release\r\nIsRelative=1\r\nPath=abc.default-release\r\nDefault=1\r\n\r\n[General]\r\nStartWithLastProfile=1\r\n';
    expect(parseProfilesIni(ini, '/home/u/.mozilla/firefox')).toEqual([
      { dir: '/srv/ff/work', name: 'work' },
      { dir: '/home/u/.mozilla/firefox/abc.default-release', name: 'default-release' },
    ]);
  });

  it('finds classic, snap and flatpak Firefox profiles and ~/.pki/nssdb, only where a database exists', async () => {
    const classic = join(home, '.mozilla/firefox');
    profile(join(classic, 'a.default-release'));
    mkdirSync(join(classic, 'b.empty'), { recursive: true });
    writeFileSync(join(classic, 'profiles.ini'), '[Profile0]\nName=main\nIsRelative=1\nPath=a.default-release\n[Profile1]\nName=empty\nIsRelative=1\nPath=b.empty\n');
    const snap = join(home, 'snap/firefox/common/.mozilla/firefox');
    profile(join(snap, 's.default'), 'cert8.db');
    writeFileSync(join(snap, 'profiles.ini'), '[Profile0]\nName=snappy\nIsRelative=1\nPath=s.default\n');
    const flatpak = join(home, '.var/app/org.mozilla.firefox/.mozilla/firefox');
    profile(join(flatpak, 'f.default'));
    writeFileSync(join(flatpak, 'profiles.ini'), '[Profile0]\nName=flat\nIsRelative=1\nPath=f.default\n');
    profile(join(home, '.pki/nssdb'));

    const found = await discoverNssDbs('linux', home, {});
    expect(found).toEqual([
      { dir: join(classic, 'a.default-release'), detail: 'Firefox profile main' },
      { dir: join(snap, 's.default'), detail: 'Firefox (snap) profile snappy' },
      { dir: join(flatpak, 'f.default'), detail: 'Firefox (flatpak) profile flat' },
      { dir: join(home, '.pki/nssdb'), detail: 'Chrome, Chromium and Electron apps (~/.pki/nssdb)' },
    ]);
  });
});
