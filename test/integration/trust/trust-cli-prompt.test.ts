import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINUX_STORE_ROOT_ENV } from '../../../electron/services/trust-stores/linux-layout.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { guardHostStores } from '../../helpers/trust-host-guard.js';
import { cleanEnv, makeTrustPki, removePki, type TrustPki } from '../../helpers/trust-pki.js';

guardHostStores();

const CLI = resolve(import.meta.dirname, '../../../bin/certbench.cjs');
const hasScript = spawnSync('script', ['--version']).status === 0;

/**
 * The built CLI on a real terminal: util-linux `script` gives it a pseudo-terminal, and the
 * answer is typed into it. The plan is printed before the question, and only `y` runs it.
 */
describe.skipIf(!hasScript)('certbench trust asks y/N on a terminal (built CLI in a pseudo-terminal)', () => {
  let dir: string;
  let pki: TrustPki;
  let db: string;

  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
  /** Runs the CLI in a pty with `answer` typed; the pty's CR LF line ends are read back as LF. */
  const onTerminal = (answer: string, ...args: string[]) => {
    const line = [process.execPath, CLI, ...args].map(quote).join(' ');
    const r = spawnSync('script', ['-qec', line, '/dev/null'], {
      input: `${answer}\n`,
      // An empty store root: no Linux system store is found, so even planning never reads the host's.
      env: cleanEnv({ HOME: join(dir, 'home'), CERTBENCH_DATA_DIR: join(dir, 'data'), [LINUX_STORE_ROOT_ENV]: join(dir, 'no-sysroot') }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: r.status, out: (r.stdout ?? '').replace(/\r\n/g, '\n') };
  };
  const listed = () => spawnSync('certutil', ['-L', '-d', `sql:${db}`], { env: cleanEnv(), encoding: 'utf8' });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-trust-pty-'));
    pki = makeTrustPki('Certbench Prompt Root');
    db = join(dir, 'nssdb');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removePki(pki);
  });

  it('add: prints the plan, then "n" (the default) runs nothing and exits 1', () => {
    const r = onTerminal('n', 'trust', 'add', pki.rootPath, '--store', `nss:${db}`, '--label', 'Prompt Root');
    expect(r.status).toBe(1);
    const plan = r.out.indexOf(`Add ${sha256Hex(pki.rootDer)} to nss:${db} (steps for any (NSS certutil))`);
    const question = r.out.indexOf('Run these steps? [y/N]');
    expect(plan).toBeGreaterThanOrEqual(0);
    expect(question).toBeGreaterThan(plan);
    expect(r.out).toContain('  runs on this machine; runs with your own rights');
    expect(r.out).toContain('declined: nothing was changed');
    expect(existsSync(db)).toBe(false);
  });

  it('add: "y" runs exactly the plan shown, and certutil lists the root', () => {
    const r = onTerminal('y', 'trust', 'add', pki.rootPath, '--store', `nss:${db}`, '--label', 'Prompt Root');
    expect(r.status).toBe(0);
    expect(r.out).toContain(`$ certutil -A -d sql:${db} -t C,, -n 'Prompt Root' -i `);
    expect(r.out).toContain(`done: added to nss:${db} and confirmed by re-listing`);
    expect(listed().stdout).toMatch(/^Prompt Root\s+C,,\s*$/m);
  });

  it('where --add-missing asks too; an empty answer declines', () => {
    writeFileSync(join(dir, 'bundle.pem'), '');
    const r = onTerminal('', 'trust', 'where', pki.rootPath, '--add-missing', '--store', `pem:${join(dir, 'bundle.pem')}`);
    expect(r.out).toContain('Run these steps? [y/N]');
    expect(r.out).toContain('declined: nothing was changed');
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir, 'bundle.pem'), 'utf8')).toBe('');
  });

  it('remove: "yes" runs the removal, and certutil no longer lists it', () => {
    const r = onTerminal('yes', 'trust', 'remove', pki.rootPath, '--store', `nss:${db}`);
    expect(r.out).toContain(`Remove ${sha256Hex(pki.rootDer)} from nss:${db}`);
    expect(r.out).toContain(`$ certutil -D -d sql:${db} -n 'Prompt Root'`);
    expect(r.out).toContain(`done: removed from nss:${db} and confirmed by re-listing`);
    expect(r.status).toBe(0);
    expect(listed().stdout).not.toContain('Prompt Root');
  });
});
