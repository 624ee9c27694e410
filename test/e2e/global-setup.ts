import { build } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * Builds the renderer once per e2e run, exactly as `npm start` packages it. Vitest sets
 * NODE_ENV=test, which Vite would bake into the bundle: React's development build and React
 * Aria's test-only "render every row" virtualizer mode, neither of which the app ships.
 */
export async function setup(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
