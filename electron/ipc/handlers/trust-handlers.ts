import { writeFileSafely } from '../../services/files/safe-write.js';
import { exportForFleet } from '../../services/fleet-export/fleet-export-service.js';
import type { Services } from '../../services/services.js';
import { ConfirmedBatches } from '../confirmed-batches.js';
import type { HandlerContext, Handlers } from '../handler-types.js';
import type { NativeDialogs } from '../native-dialogs.js';

type TrustChannels =
  | 'trust.stores'
  | 'trust.remember'
  | 'trust.list'
  | 'trust.certificate'
  | 'trust.planAdd'
  | 'trust.planRemove'
  | 'trust.run'
  | 'trust.discard'
  | 'trust.where'
  | 'trust.planAddToAllMissing'
  | 'trust.export';

type Source = { kind: 'path'; path: string } | { kind: 'object'; id: string };

export function createTrustHandlers(services: Services, dialogs: NativeDialogs): Pick<Handlers, TrustChannels> {
  const { trust } = services;
  const batches = new ConfirmedBatches(dialogs);
  const der = (source: Source): Promise<Uint8Array> =>
    source.kind === 'path' ? trust.certificateFromFile(source.path) : Promise.resolve(services.store.getKind(source.id, 'certificate').der);
  const pathOf = (source: Source) => (source.kind === 'path' ? source.path : undefined);
  const addOptions = (req: { label?: string | undefined; overrideDistrust?: boolean | undefined; owner?: string | undefined }) => ({
    ...(req.label === undefined ? {} : { label: req.label }),
    ...(req.overrideDistrust === undefined ? {} : { overrideDistrust: req.overrideDistrust }),
    ...(req.owner === undefined ? {} : { owner: req.owner }),
  });
  return {
    'trust.stores': async (req) => ({ stores: await trust.describeStores(req.extraStores) }),
    'trust.remember': (req) => trust.remember(req.storeId),
    'trust.list': (req) => trust.list(req.storeId),
    'trust.certificate': async (req) => {
      const { der, label, storeName } = await trust.certificate(req.storeId, req.sha256);
      return services.inspect.openListed(der, storeName, label);
    },
    'trust.planAdd': async (req) => trust.planAdd(req.storeId, await der(req.source), addOptions(req), pathOf(req.source)),
    'trust.planRemove': (req) => trust.planRemove(req.storeId, req.sha256),
    'trust.run': async (req, ctx) => {
      await batches.confirmBeforeRun(req.planId, (id) => trust.discard(id));
      return withProgress(ctx, 'Running the approved plan', () => trust.run(req.planId));
    },
    'trust.discard': async (req) => {
      batches.forget(req.planId);
      await trust.discard(req.planId);
      return {};
    },
    'trust.where': (req, ctx) => withProgress(ctx, 'Reading every trust store', async () => trust.where(await der(req.source), req.extraStores)),
    'trust.planAddToAllMissing': (req, ctx) =>
      withProgress(ctx, 'Planning for every store that lacks it', async () => {
        const planned = await trust.planAddToAllMissing(await der(req.source), req.extraStores, pathOf(req.source));
        batches.add(
          planned.plans.map((p) => p.planId),
          {
            title: 'Add to all missing',
            message: `Add this certificate to ${planned.plans.length} trust store${planned.plans.length === 1 ? '' : 's'}?`,
            detail: planned.plans.map((p) => p.storeId).join('\n'),
          },
        );
        return planned;
      }),
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
