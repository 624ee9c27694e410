import { CertbenchError } from '../../../shared/errors.js';
import { fromBase64 } from '../../../shared/pki/bytes.js';
import type { Services } from '../../services/services.js';
import type { Handlers } from '../handler-types.js';

type InspectChannels = 'inspect.open' | 'inspect.bytes' | 'inspect.text' | 'inspect.detail' | 'inspect.export';

export function createInspectHandlers(services: Services): Pick<Handlers, InspectChannels> {
  return {
    'inspect.open': (req) => services.inspect.openFile(req.path, req.password),
    'inspect.bytes': async (req) => {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(req.base64);
      } catch {
        throw new CertbenchError('bad-base64', `${req.name} arrived corrupted (invalid base64)`);
      }
      return services.inspect.openBytes(req.name, bytes, req.password);
    },
    'inspect.text': (req) => services.inspect.openText(req.text, req.password),
    'inspect.detail': async (req) => services.inspect.detail(req.id),
    'inspect.export': (req) => services.convert.export(req),
  };
}
