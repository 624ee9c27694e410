import type { z } from 'zod';

/** One IPC channel: the runtime schemas of its request and response. */
export interface ChannelContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

/** Identity helper that keeps each domain's contract literal types while checking its shape. */
export const defineContracts = <const T extends Record<string, ChannelContract>>(contracts: T): T => contracts;
