import { CertbenchError } from '../../../shared/errors.js';
import { fromBase64 } from '../../../shared/pki/bytes.js';
import type { Services } from '../../services/services.js';
import type { Handlers } from '../handler-types.js';
import type { RunningTasks } from '../running-tasks.js';

type InspectChannels = 'inspect.open' | 'inspect.bytes' | 'inspect.text' | 'inspect.detail' | 'inspect.export';

/** Opens run as tasks the page may cancel (RunningTasks): PKCS#12 parsing stops at once. */
export function createInspectHandlers(services: Services, tasks: RunningTasks): Pick<Handlers, InspectChannels> {
  return {
    'inspect.open': (req) => tasks.run(req.taskId, (signal) => services.inspect.openFile(req.path, req.password, { signal })),
    'inspect.bytes': async (req) => {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(req.base64);
      } catch {
        throw new CertbenchError('bad-base64', `${req.name} arrived corrupted (invalid base64)`);
      }
      return tasks.run(req.taskId, (signal) => services.inspect.openBytes(req.name, bytes, req.password, { signal }));
    },
    'inspect.text': (req) => tasks.run(req.taskId, (signal) => services.inspect.openText(req.text, req.password, { signal })),
    'inspect.detail': async (req) => services.inspect.detail(req.id),
    'inspect.export': (req) => services.convert.export(req),
  };
}
