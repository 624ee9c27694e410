import type { Services } from '../../services/services.js';
import type { Handlers } from '../handler-types.js';

export function createTrustHandlers(_services: Services): Pick<Handlers, never> {
  return {};
}
