import type { Command } from 'commander';
import type { ServiceName, Services } from '../services/services.js';
import type { CliIo } from './cli-io.js';
import type { ExitCode } from './exit-codes.js';

/** What every command registration receives. */
export interface CliContext {
  readonly io: CliIo;
  /** The named services, loaded on first use with what they depend on: a command pays only for its own. */
  services<K extends ServiceName>(...names: K[]): Promise<Pick<Services, K>>;
  /** Records the exit code of the command that ran. */
  exit(code: ExitCode): void;
  /** The leaf command whose action is running (its options decide `--json` and name the fixes in errors). */
  command(): Command | undefined;
}
