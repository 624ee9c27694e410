import { CertbenchError } from '../../shared/errors.js';
import type { Handlers } from './handler-types.js';
import type { NativeDialogs } from './native-dialogs.js';

/**
 * Writes to many stores at once are confirmed by the user in main's own dialog, not by the page:
 * a compromised page could otherwise trust a certificate everywhere with one message.
 */
export function confirmBulkWrites(handlers: Handlers, dialogs: NativeDialogs): Handlers {
  const addToAll = handlers['trust.addToAllMissing'];
  return {
    ...handlers,
    'trust.addToAllMissing': async (req, ctx) => {
      const yes = await dialogs.confirm({
        title: 'Add to every trust store',
        message: 'Add this certificate to every trust store that lacks it?',
        detail: 'Each store is changed as its plan shows; stores that need administrator rights ask for them.',
        confirmLabel: 'Add to all',
      });
      if (!yes) throw new CertbenchError('cancelled', 'Adding to every trust store was not confirmed; nothing was changed');
      return addToAll(req, ctx);
    },
  };
}
