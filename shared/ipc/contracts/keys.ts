import { defineContracts } from '../define.js';

/** The keys domain's channels (`keys.verb`). */
export const keysContracts = defineContracts({});
