import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import { captureIo } from '../../helpers/capture-io.js';
import { BIN, leafCommands, runBuilt, type Outcome } from '../../helpers/built-cli.js';
import { makeHierarchy, type Hierarchy } from '../../helpers/chain-pki.js';
import { cleanEnv, keytool } from '../../helpers/keystore-tools.js';

/** An error as `--json` promises it: one JSON object on stdout, nothing on stderr, exit 2. */
function jsonError(o: Outcome): { code: string; message: string } {
  expect(o.code).toBe(2);
  expect(o.stderr.replace(/^certbench: warning: .*\n/gm, '')).toBe('');
  const parsed = JSON.parse(o.stdout);
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(Object.keys(parsed.error).sort()).toEqual(['code', 'message']);
  return parsed.error;
}

/** An error in text form: exactly one line on stderr, no stack, exit 2. */
function textError(o: Outcome): string {
  expect(o.code).toBe(2);
  expect(o.stdout).toBe('');
  expect(o.stderr).toMatch(/^certbench: [^\n]+\n$/);
  expect(o.stderr).not.toMatch(/\s+at /);
  return o.stderr;
}

describe('CLI errors', () => {
  let dir: string;
  let pki: Hierarchy;
  let other: Hierarchy;
  const file = (name: string) => join(dir, name);
  const certbench = (...args: string[]) =>
    runBuilt(args, cleanEnv({ HOME: join(dir, 'home'), CERTBENCH_DATA_DIR: join(dir, 'data'), CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache') }));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-errors-'));
    [pki, other] = await Promise.all([makeHierarchy({ prefix: 'Errors' }), makeHierarchy({ prefix: 'Other' })]);
    await writeFile(file('leaf.pem'), pki.leaf.pem);
    await writeFile(file('leaf.key'), pki.leaf.keyPem);
    await writeFile(file('intermediate.pem'), pki.intermediate.pem);
    await writeFile(file('other.key'), other.leaf.keyPem);
    const made = await keytool(['-importcert', '-noprompt', '-alias', 'root', '-file', file('leaf.pem'), '-keystore', file('store.p12'), '-storetype', 'PKCS12', '-storepass:env', 'KS_PW'], 'storepass1');
    expect(made.code, made.stderr).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(leafCommands())('certbench %s --json: a usage error is a JSON error object', async (command) => {
    const io = captureIo();
    expect(await runCli([...command.split(' '), '--no-such-option', '--json'], io)).toBe(2);
    expect(io.stderr()).toBe('');
    expect(JSON.parse(io.stdout())).toEqual({ error: { code: 'invalid-request', message: expect.stringMatching(/--[a-z]/) } });
  });

  it("keeps commander's suggestion on the error's one line", async () => {
    const io = captureIo();
    expect(await runCli(['inspect', 'x.pem', '--jsn'], io)).toBe(2);
    expect(io.stderr()).toBe("certbench: unknown option '--jsn' (Did you mean --json?)\n");
  });

  it('a failing action with --json: the error object on stdout, exit 2', async () => {
    expect(jsonError(await certbench('inspect', file('missing.pem'), '--json'))).toEqual({ code: 'not-found', message: `${file('missing.pem')} does not exist` });
  });

  it('an existing output names --overwrite', async () => {
    const message = textError(await certbench('key', 'new', '--out', file('leaf.key'), '--no-encrypt'));
    expect(message).toContain('pass --overwrite');
    expect(jsonError(await certbench('key', 'new', '--out', file('leaf.key'), '--no-encrypt', '--json'))).toMatchObject({ code: 'conflict', message: expect.stringContaining('--overwrite') });
  });

  it('a keystore opened without its password names the password options, not "tampered with"', async () => {
    const message = textError(await certbench('keystore', 'list', '--keystore', file('store.p12')));
    expect(message).toMatch(/no password was given: pass --storepass-env or --storepass-file/);
  });

  it('a cacerts whose password is not changeit says the default was tried and names the options', async () => {
    const cacerts = join(dir, 'java', 'cacerts');
    await mkdir(join(dir, 'java'));
    await copyFile(file('store.p12'), cacerts);
    const message = textError(await certbench('keystore', 'list', '--keystore', cacerts));
    expect(message).toMatch(/no store password was given \(cacerts' default "changeit" was tried\); pass --storepass-file FILE or --storepass-env VAR\n$/);
  });

  it('a missing --out-dir is reported as the directory, with its option', async () => {
    const message = textError(await certbench('bundle', '--cert', file('leaf.pem'), '--chain', file('intermediate.pem'), '--key', file('leaf.key'), '--out-dir', file('no-such-dir'), '--no-encrypt'));
    expect(message).toBe(`certbench: directory ${file('no-such-dir')} does not exist: create it, or give an existing one with --out-dir\n`);
  });

  it('an output file in a missing directory is reported as the directory, with the option that named the file', async () => {
    const out = join(dir, 'no-such-dir', 'leaf.der');
    const message = textError(await certbench('convert', file('leaf.pem'), '--to', 'der', '--out', out));
    expect(message).toBe(`certbench: directory ${join(dir, 'no-such-dir')} does not exist: create it, or give --out a path in an existing directory\n`);
  });

  it('a key that does not belong to the certificate is reported once', async () => {
    const outcome = await certbench('bundle', '--cert', file('leaf.pem'), '--key', file('other.key'), '--out-dir', dir, '--no-encrypt');
    expect(textError(outcome)).toMatch(/does not belong to the key/);
  });

  it('a reader that closes the pipe early (`| head`) ends the command quietly, with no stack trace', async () => {
    await writeFile(file('many.pem'), pki.leaf.pem.repeat(2000));
    const child = spawn(process.execPath, [BIN, 'inspect', '--json', file('many.pem')], {
      env: cleanEnv({ CERTBENCH_CODE_CACHE_DIR: join(dir, 'code-cache') }),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
