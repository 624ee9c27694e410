import { useAppStore } from '../../store/app-store.js';
import { useTrustStore } from './trust-store.js';

/**
 * Opens the Trust stores workspace on the trust map of a certificate another workspace opened
 * (Inspect, Chain): which stores hold it, with per-store Add and "add to all missing".
 */
export function openTrustMapFor(objectId: string): void {
  useAppStore.getState().openWorkspace('trust');
  void useTrustStore.getState().showMap({ kind: 'object', id: objectId });
}
