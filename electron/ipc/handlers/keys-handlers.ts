import type { Services } from '../../services/services.js';
import type { Handlers } from '../handler-types.js';

export function createKeysHandlers(_services: Services): Pick<Handlers, never> {
  return {};
}
