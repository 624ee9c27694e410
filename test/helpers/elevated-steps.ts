import type { ElevatedBatch } from '../../electron/services/elevation/elevated-batch.js';
import type { ElevatedCommand } from '../../electron/services/elevation/elevated-command.js';
import { POSIX_ELEVATE_SCRIPT } from '../../electron/services/elevation/elevated-invocation.js';
import type { ProcessRequest } from '../../electron/services/process/process-runner.js';

/**
 * The batch one pkexec call runs, read back from its argv (`/bin/sh -c SCRIPT certbench-elevated
 * COUNT STDIN WORD… --rollback …`), with pkexec's stdin on the step marked to read it: what the
 * constant script will run, for tests that compare it with the plan.
 */
export function elevatedBatchOf(request: ProcessRequest): ElevatedBatch {
  const [sh, c, script, name, ...words] = request.args;
  if (request.file !== '/usr/bin/pkexec' || sh !== '/bin/sh' || c !== '-c' || script !== POSIX_ELEVATE_SCRIPT || name !== 'certbench-elevated') {
    throw new Error(`not an elevation of the constant script: ${request.file} ${request.args.slice(0, 2).join(' ')}`);
  }
  const lists: ElevatedCommand[][] = [[]];
  for (let i = 0; i < words.length; ) {
    if (words[i] === '--rollback' && lists.length === 1) {
      lists.push([]);
      i += 1;
      continue;
    }
    const count = Number(words[i]);
    const [file, ...args] = words.slice(i + 2, i + 2 + count);
    const stdin = words[i + 1] === 'stdin' ? { stdin: String(request.input) } : {};
    lists.at(-1)!.push({ file: file!, args, ...stdin });
    i += 2 + count;
  }
  if (lists.length !== 2) throw new Error('no --rollback marker');
  return { commands: lists[0]!, rollback: lists[1]! };
}
