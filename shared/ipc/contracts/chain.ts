import { defineContracts } from '../define.js';

/** The chain domain's channels (`chain.verb`). */
export const chainContracts = defineContracts({});
