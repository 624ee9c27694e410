import type { HandlerContext } from '../../electron/ipc/handler-types.js';
import { PathGrants } from '../../electron/ipc/path-grants.js';

/**
 * A handler context whose window was handed these paths, as if the user had picked them in
 * Certbench's open (`opened`) and save (`saved`) dialogs: tests that call handlers directly name
 * the files their scenario's user would have chosen.
 */
export function grantedContext(
  paths: { opened?: readonly string[]; saved?: readonly string[] },
  progress: HandlerContext['progress'] = () => undefined,
): HandlerContext {
  const grants = new PathGrants();
  grants.grantOpened(paths.opened ?? []);
  for (const p of paths.saved ?? []) grants.grantSaved(p);
  return { progress, grants };
}
