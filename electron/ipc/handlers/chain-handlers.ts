import { CertbenchError } from '../../../shared/errors.js';
import type { ClientFamily } from '../../../shared/model/chain.js';
import type { Services } from '../../services/services.js';
import { exportBundle } from '../../services/chain/export/export-bundle.js';
import type { HandlerContext, Handlers } from '../handler-types.js';

type ChainChannels = 'chain.fetch' | 'chain.verifyFiles' | 'chain.verifyText' | 'chain.cancel' | 'chain.exportBundle';

/**
 * The chain channels. Long work is cancellable: the page names each task with an id and
 * `chain.cancel` aborts the AbortSignal the service was given.
 */
export function createChainHandlers(services: Services): Pick<Handlers, ChainChannels> {
  const running = new Map<string, AbortController>();
  const run = async <T>(taskId: string | undefined, ctx: HandlerContext, body: (task: { signal: AbortSignal; onProgress: (l: string, f?: number) => void }) => Promise<T>) => {
    const controller = new AbortController();
    if (taskId) {
      if (running.has(taskId)) throw new CertbenchError('conflict', `Task ${taskId} is already running`);
      running.set(taskId, controller);
    }
    try {
      return await body({ signal: controller.signal, onProgress: (label, fraction) => ctx.progress(label, fraction) });
    } finally {
      if (taskId) running.delete(taskId);
    }
  };
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
    'chain.cancel': async (req) => {
      const controller = running.get(req.taskId);
      controller?.abort();
      return { cancelled: Boolean(controller) };
    },
    'chain.exportBundle': (req) => exportBundle(services.store, req.path, req.certificateIds),
  };
}
