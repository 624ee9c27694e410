import { readFile } from 'node:fs/promises';
import { CertbenchError } from '../../shared/errors.js';
import type { CliIo } from './cli-io.js';

/** Where a secret comes from: never argv alone, so it stays out of `ps` and shell history. */
export interface SecretSource {
  readonly file?: string;
  readonly envVar?: string;
}

/**
 * Reads a password from `--x-file` (first line, CR/LF stripped), `--x-env VAR`, or an interactive
 * prompt when stdin is a TTY. Returns undefined when none was given and no prompt is possible.
 */
export async function readSecret(io: CliIo, source: SecretSource, promptLabel: string): Promise<string | undefined> {
  if (source.file) {
    try {
      const text = await readFile(source.file, 'utf8');
      return text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    } catch (err) {
      throw new CertbenchError('not-found', `Cannot read the password file ${source.file}: ${(err as Error).message}`);
    }
  }
  if (source.envVar) {
    const value = io.env[source.envVar];
    if (value === undefined) throw new CertbenchError('invalid-request', `Environment variable ${source.envVar} is not set`);
    return value;
  }
  if (!io.stdinIsTty) return undefined;
  return promptHidden(promptLabel);
}

async function promptHidden(label: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(`${label}: `);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CertbenchError('cancelled', 'Password prompt cancelled'));
          return;
        }
        value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
