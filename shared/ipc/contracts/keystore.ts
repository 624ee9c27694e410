import { defineContracts } from '../define.js';

/** The keystore domain's channels (`keystore.verb`). */
export const keystoreContracts = defineContracts({});
