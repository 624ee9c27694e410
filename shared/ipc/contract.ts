import type { z } from 'zod';
import type { ChannelName } from './channels.js';
import { appContracts } from './contracts/app.js';
import { chainContracts } from './contracts/chain.js';
import { inspectContracts } from './contracts/inspect.js';
import { keysContracts } from './contracts/keys.js';
import { keystoreContracts } from './contracts/keystore.js';
import { trustContracts } from './contracts/trust.js';
import { scanContracts } from './contracts/scan.js';

/**
 * THE contract: every IPC channel, declared once. Domains keep their channels in
 * `contracts/<domain>.ts`; this map is the only place they are joined.
 */
export const contract = {
  ...appContracts,
  ...inspectContracts,
  ...keystoreContracts,
  ...trustContracts,
  ...chainContracts,
  ...keysContracts,
  ...scanContracts,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Req<C extends Channel> = z.infer<Contract[C]['request']>;
export type Res<C extends Channel> = z.infer<Contract[C]['response']>;

/** Compile-time proof that the preload's name list and the contract agree, both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const channelListMatchesContract: Same<Channel, ChannelName> = true;
