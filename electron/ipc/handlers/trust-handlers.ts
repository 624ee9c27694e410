import { writeFile } from 'node:fs/promises';
import { fsError } from '../../services/files/read-input.js';
import { exportForFleet } from '../../services/fleet-export/fleet-export-service.js';
import type { Services } from '../../services/services.js';
import type { Handlers } from '../handler-types.js';

type TrustChannels =
  | 'trust.stores'
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
    'trust.list': (req) => trust.list(req.storeId),
    'trust.planAdd': async (req) => trust.planAdd(req.storeId, await der(req.source), labelOf(req.label)),
    'trust.add': async (req, ctx) => {
      ctx.progress(`Adding to ${req.storeId}`);
      return trust.add(req.storeId, await der(req.source), labelOf(req.label));
    },
    'trust.planRemove': (req) => trust.planRemove(req.storeId, req.sha256),
    'trust.remove': (req, ctx) => {
      ctx.progress(`Removing from ${req.storeId}`);
      return trust.remove(req.storeId, req.sha256);
    },
    'trust.where': async (req, ctx) => {
      ctx.progress('Reading every trust store');
      return trust.where(await der(req.source), req.extraStores);
    },
    'trust.addToAllMissing': async (req, ctx) => {
      ctx.progress('Adding to every store that lacks it');
      return { results: await trust.addToAllMissing(await der(req.source), req.extraStores) };
    },
    'trust.export': async (req) => {
      const out = exportForFleet(await der(req.source), req.format, { nssDbs: req.nssDbs, javaCacerts: req.javaCacerts });
      if (req.savePath) await writeFile(req.savePath, out.content).catch((err: unknown) => Promise.reject(fsError(err, req.savePath!)));
      return { fileName: out.fileName, content: out.content, warnings: [...out.warnings], ...(req.savePath ? { savedTo: req.savePath } : {}) };
    },
  };
}
