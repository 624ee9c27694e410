import type { CliIo } from './cli-io.js';

/** Progress on stderr for slow work, only when a person is watching (stderr is a TTY). */
export function cliProgress(io: CliIo): (label: string, fraction?: number) => void {
  if (!io.stderrIsTty) return () => undefined;
  return (label, fraction) => {
    const pct = fraction === undefined ? '' : ` ${Math.round(fraction * 100)}%`;
    io.err(`\r\u001b[2K${label}${pct}${fraction === 1 ? '\n' : ''}`);
  };
}
