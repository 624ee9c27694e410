import { defineContracts } from '../define.js';

/** The trust domain's channels (`trust.verb`). */
export const trustContracts = defineContracts({});
