import type { Result } from './result.js';
import type { Channel, Req, Res } from './contract.js';
import type { EventName, EventPayload } from './events.js';

/** What the preload exposes as `window.certbench`, and what the e2e harness installs instead. */
export interface CertbenchBridge {
  invoke<C extends Channel>(channel: C, request: Req<C>): Promise<Result<Res<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
