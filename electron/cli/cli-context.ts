import type { Services } from '../services/services.js';
import type { CliIo } from './cli-io.js';
import type { ExitCode } from './exit-codes.js';

/** What every command registration receives. Services load lazily so `--version` stays instant. */
export interface CliContext {
  readonly io: CliIo;
  services(): Promise<Services>;
  /** Records the exit code of the command that ran. */
  exit(code: ExitCode): void;
}
