import { CertbenchError } from '../../../shared/errors.js';
import { fromBase64 } from '../../../shared/pki/bytes.js';
import type { Services } from '../../services/services.js';
import type { Handlers } from '../handler-types.js';

export function createInspectHandlers(services: Services): Pick<Handlers, 'inspect.open' | 'inspect.bytes' | 'inspect.text'> {
  return {
    'inspect.open': (req) => services.inspect.openFile(req.path),
    'inspect.bytes': async (req) => {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(req.base64);
      } catch {
        throw new CertbenchError('bad-base64', `${req.name} arrived corrupted (invalid base64)`);
      }
      return services.inspect.openBytes(req.name, bytes);
    },
    'inspect.text': async (req) => services.inspect.openText(req.text),
  };
}
