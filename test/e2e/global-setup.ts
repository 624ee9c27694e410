import { build } from 'vite';
import { fileURLToPath } from 'node:url';

/** Builds the renderer once per e2e run, exactly as `npm start` packages it. */
export async function setup(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
