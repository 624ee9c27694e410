import { renewSpec } from '../../../shared/csr/renew.js';
import { findingsCsv } from '../../services/scan/scan-csv.js';
import { writeFileSafely } from '../../services/files/safe-write.js';
import type { Services } from '../../services/services.js';
import type { HandlerContext, Handlers } from '../handler-types.js';
import type { NativeDialogs } from '../native-dialogs.js';
import type { RunningTasks } from '../running-tasks.js';

type ScanChannels = 'scan.machine' | 'scan.targets' | 'scan.remember' | 'scan.exportCsv' | 'scan.renewSpec';

const DAY_MS = 86_400_000;

/**
 * The Expiry workspace's channels. A machine scan reports progress and runs as a task the page
 * cancels with `task.cancel` (RunningTasks); CSV goes where main's own save dialog says, so the page never names a path to write.
 */
export function createScanHandlers(services: Services, dialogs: NativeDialogs, tasks: RunningTasks): Pick<Handlers, ScanChannels> {
  return {
    'scan.machine': (req, ctx: HandlerContext) =>
      tasks.run(req.taskId, (signal) =>
        services.scan.scanMachine(req.windowDays * DAY_MS, {
          signal,
          onProgress: (p) => ctx.progress(`${p.label} (${p.done}/${p.total})`, p.total ? p.done / p.total : undefined),
        }),
      ),
    'scan.targets': () => services.scan.targets(),
    'scan.remember': (req) => services.scan.remember(req),
    'scan.exportCsv': async (req) => {
      const { path } = await dialogs.saveFile({ title: 'Export the expiry list', defaultName: 'certificate-expiry.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] });
      if (path === null) return { path: null };
      await writeFileSafely(path, findingsCsv(req.findings), { overwrite: true });
      return { path };
    },
    'scan.renewSpec': async (req) => renewSpec(services.scan.certificate(req.sha256), req.keyFamily),
  };
}
