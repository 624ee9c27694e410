import { describe, expect, it } from 'vitest';
import type { ProcessOutput, ProcessRequest, ProcessRunner } from '../../../electron/services/process/process-runner.js';
import { keytoolError, KeytoolRunner, PASSWORD_VARS } from '../../../electron/services/keystore/keytool-runner.js';

class Recorder implements ProcessRunner {
  readonly calls: ProcessRequest[] = [];
  constructor(private readonly out: Partial<ProcessOutput>) {}
  async run(request: ProcessRequest): Promise<ProcessOutput> {
    this.calls.push(request);
    return { exitCode: 0, stdout: '', stderr: '', ...this.out };
  }
}

describe('KeytoolRunner', () => {
  it('forces the English locale, strips JVM option variables and keeps passwords out of argv', async () => {
    const runner = new Recorder({ stderr: 'Certificate was added to keystore\n' });
    const keytool = new KeytoolRunner(runner, { PATH: '/usr/bin', JAVA_TOOL_OPTIONS: '-Duser.language=de', _JAVA_OPTIONS: '' }, '/jdk/bin/keytool');
    await keytool.run(['-delete', '-alias', 'a b', '-storepass:env', PASSWORD_VARS.store], { [PASSWORD_VARS.store]: 's3cret!' });
    const call = runner.calls[0]!;
    expect(call.file).toBe('/jdk/bin/keytool');
    expect(call.args).toEqual(['-delete', '-alias', 'a b', '-storepass:env', 'CERTBENCH_KS_STOREPASS', '-J-Duser.language=en', '-J-Duser.country=US']);
    expect(call.args.join(' ')).not.toContain('s3cret');
    expect(call.env).toMatchObject({ PATH: '/usr/bin', CERTBENCH_KS_STOREPASS: 's3cret!' });
    expect(call.env?.JAVA_TOOL_OPTIONS).toBeUndefined();
    expect(call.env?._JAVA_OPTIONS).toBeUndefined();
    expect(call.input).toBeUndefined();
  });

  it('maps keytool error lines (printed on stdout, rc 1) to codes', () => {
    const cases: [string, string][] = [
      ['keytool error: java.lang.Exception: Certificate not imported, alias <tslab-ca1> already exists', 'conflict'],
      ['keytool error: java.lang.Exception: Alias <does-not-exist> does not exist', 'not-found'],
      ['keytool error: java.io.IOException: Keystore was tampered with, or password was incorrect', 'wrong-password'],
      ['keytool error: java.io.IOException: keystore password was incorrect', 'wrong-password'],
      ['keytool error: java.io.FileNotFoundException: ro.jks (Permission denied)', 'permission-denied'],
      ['keytool error: java.lang.Exception: New password must be at least 6 characters', 'invalid-request'],
      ['keytool error: java.lang.Exception: Input not an X.509 certificate', 'parse'],
      ['keytool error: java.security.KeyStoreException: Unrecognized keystore format. Please load it with a specified type', 'unrecognized-format'],
      ['keytool error: java.lang.NullPointerException: invalid null input', 'tool-failed'],
    ];
    for (const [line, code] of cases) {
      const err = keytoolError(`${line}\n`, '', 1);
      expect(err.code).toBe(code);
      expect(err.message).not.toMatch(/java\.\w+\./);
    }
    expect(keytoolError('', 'Cannot find environment variable: NOPE\nkeytool usage', 1).message).toBe('keytool: Cannot find environment variable: NOPE');
  });
});
