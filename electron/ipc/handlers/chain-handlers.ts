import type { ClientFamily } from '../../../shared/model/chain.js';
import type { Services } from '../../services/services.js';
import { exportBundle } from '../../services/chain/export/export-bundle.js';
import type { HandlerContext, Handlers } from '../handler-types.js';
import type { RunningTasks } from '../running-tasks.js';

type ChainChannels = 'chain.fetch' | 'chain.verifyFiles' | 'chain.verifyText' | 'chain.exportBundle';

/**
 * The chain channels. Long work runs as a task the page names with an id and cancels with the
 * shared `task.cancel` (RunningTasks), as inspect and scan do.
 */
export function createChainHandlers(services: Services, tasks: RunningTasks): Pick<Handlers, ChainChannels> {
  const run = <T>(taskId: string | undefined, ctx: HandlerContext, body: (task: { signal: AbortSignal; onProgress: (l: string, f?: number) => void }) => Promise<T>) =>
    tasks.run(taskId, (signal) => body({ signal, onProgress: (label, fraction) => ctx.progress(label, fraction) }));
  const settings = (req: { trust?: string[]; at?: string; aia?: boolean; clients?: ClientFamily[] }) => ({
    trust: req.trust,
    at: req.at ? new Date(req.at) : undefined,
    aia: req.aia,
    clients: req.clients,
  });
  return {
    'chain.fetch': (req, ctx) =>
      run(req.taskId, ctx, (task) =>
        services.chain.fetch({
          ...settings(req),
          ...task,
          target: req.target,
          servername: req.servername,
          proxy: req.proxy,
          starttls: req.starttls,
          addFiles: req.addPaths,
        }),
      ),
    'chain.verifyFiles': (req, ctx) =>
      run(req.taskId, ctx, (task) => services.chain.verifyFiles(req.paths, { ...settings(req), ...task, hostname: req.hostname })),
    'chain.verifyText': (req, ctx) =>
      run(req.taskId, ctx, (task) =>
        services.chain.verifyBytes('pasted text', new TextEncoder().encode(req.text), { ...settings(req), ...task, hostname: req.hostname }),
      ),
    'chain.exportBundle': (req) => exportBundle(services.store, req.path, req.certificateIds),
  };
}
