import { CertbenchError } from '../../../shared/errors.js';

/** What one external command run returns; stdout/stderr decoded as UTF-8. */
export interface ProcessOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ProcessRequest {
  /** Program path or name resolved through PATH; never a shell string. */
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Bytes written to stdin, then closed. Without it stdin is closed at once, so no tool can wait on a prompt. */
  readonly input?: string | Uint8Array;
  readonly timeoutMs?: number;
}

/**
 * Runs external tools. Every service takes one through its constructor so tests run the real tool
 * here and assert exact argv for the tools that cannot run here (Windows, macOS).
 */
export interface ProcessRunner {
  run(request: ProcessRequest): Promise<ProcessOutput>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * The real runner: spawn with an argv array and `shell: false`, a timeout, and bounded output.
 * node:child_process is loaded on the first run, not with the services: it brings net, dgram and
 * the stream modules, a start-up cost every command paid though most run no tool (docs/performance.md).
 */
export class NodeProcessRunner implements ProcessRunner {
  run(request: ProcessRequest): Promise<ProcessOutput> {
    const { spawn } = process.getBuiltinModule('node:child_process');
    return new Promise((resolve, reject) => {
      const child = spawn(request.file, [...request.args], {
        shell: false,
        env: request.env ?? process.env,
        cwd: request.cwd,
        stdio: [request.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
        else into.push(chunk);
      };
      child.stdout?.on('data', collect(out));
      child.stderr?.on('data', collect(err));
      const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          e.code === 'ENOENT'
            ? new CertbenchError('tool-missing', `${request.file} is not installed or not on PATH`, { cause: e })
            : new CertbenchError('tool-failed', `${request.file} could not start: ${e.message}`, { cause: e }),
        );
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (timedOut) {
          reject(new CertbenchError('timeout', `${request.file} did not finish within ${timeoutMs} ms`));
          return;
        }
        resolve({
          exitCode: code ?? (signal ? 128 : 1),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
      if (request.input !== undefined && child.stdin) {
        child.stdin.on('error', () => undefined);
        child.stdin.end(request.input);
      }
    });
  }
}
