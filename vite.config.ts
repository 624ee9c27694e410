import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer bundle: served by main from the certbench:// scheme, so asset paths are relative. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // No inline scripts or modulepreload polyfill: the CSP allows 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
