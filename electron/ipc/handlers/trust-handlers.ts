import { writeFileSafely } from '../../services/files/safe-write.js';
import { exportForFleet } from '../../services/fleet-export/fleet-export-service.js';
import type { Services } from '../../services/services.js';
import type { HandlerContext, Handlers } from '../handler-types.js';

type TrustChannels =
  | 'trust.stores'
  | 'trust.remember'
  | 'trust.list'
  | 'trust.planAdd'
  | 'trust.add'
  | 'trust.planRemove'
  | 'trust.remove'
  | 'trust.where'
  | 'trust.addToAllMissing'
  | 'trust.export';

type Source = { kind: 'path'; path: string } | { kind: 'object'; id: string };

export function createTrustHandlers(services: Services): Pick<Handlers, TrustChannels> {
  const { trust } = services;
  const der = (source: Source): Promise<Uint8Array> =>
    source.kind === 'path' ? trust.certificateFromFile(source.path) : Promise.resolve(services.store.getKind(source.id, 'certificate').der);
  const labelOf = (label: string | undefined) => (label === undefined ? {} : { label });
  return {
    'trust.stores': async (req) => ({ stores: (await trust.allStores(req.extraStores)).map((s) => s.info) }),
    'trust.remember': (req) => trust.remember(req.storeId),
    'trust.list': (req) => trust.list(req.storeId),
    'trust.planAdd': async (req) => trust.planAdd(req.storeId, await der(req.source), labelOf(req.label)),
    'trust.add': async (req, ctx) =>
      withProgress(ctx, `Adding to ${req.storeId}`, async () => trust.add(req.storeId, await der(req.source), labelOf(req.label))),
    'trust.planRemove': (req) => trust.planRemove(req.storeId, req.sha256),
    'trust.remove': (req, ctx) => withProgress(ctx, `Removing from ${req.storeId}`, () => trust.remove(req.storeId, req.sha256)),
    'trust.where': (req, ctx) => withProgress(ctx, 'Reading every trust store', async () => trust.where(await der(req.source), req.extraStores)),
    'trust.addToAllMissing': (req, ctx) =>
      withProgress(ctx, 'Adding to every store that lacks it', async () => ({
        results: await trust.addToAllMissing(await der(req.source), req.extraStores),
      })),
    'trust.export': async (req) => {
      const out = exportForFleet(await der(req.source), req.format, { nssDbs: req.nssDbs, javaCacerts: req.javaCacerts });
      if (req.savePath) await writeFileSafely(req.savePath, out.content, { overwrite: true });
      return { fileName: out.fileName, content: out.content, warnings: [...out.warnings], ...(req.savePath ? { savedTo: req.savePath } : {}) };
    },
  };
}

/** Reports `label` while `work` runs (the amount is unknown), then marks it done (fraction 1). */
async function withProgress<T>(ctx: HandlerContext, label: string, work: () => Promise<T>): Promise<T> {
  ctx.progress(label);
  try {
    return await work();
  } finally {
    ctx.progress(label, 1);
  }
}
