import { APP_CHANNELS } from './channels/app.js';
import { CHAIN_CHANNELS } from './channels/chain.js';
import { INSPECT_CHANNELS } from './channels/inspect.js';
import { KEYS_CHANNELS } from './channels/keys.js';
import { KEYSTORE_CHANNELS } from './channels/keystore.js';
import { TRUST_CHANNELS } from './channels/trust.js';
import { SCAN_CHANNELS } from './channels/scan.js';

/**
 * The channel names alone, for the preload (which must stay tiny and schema-free). A unit test
 * asserts this list equals the contract's keys, and `_exact` below fails to compile if they drift.
 */
export const CHANNELS = [
  ...APP_CHANNELS,
  ...INSPECT_CHANNELS,
  ...KEYSTORE_CHANNELS,
  ...TRUST_CHANNELS,
  ...CHAIN_CHANNELS,
  ...KEYS_CHANNELS,
  ...SCAN_CHANNELS,
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export const EVENTS = ['progress', 'menu'] as const;
export type EventChannelName = (typeof EVENTS)[number];
