// The renderer's build: a static bundle in dist/renderer/ that the web shell and the desktop
// window load from disk or 127.0.0.1 under a strict CSP (no inline script or style), so
// relative URLs (`base: './'`) and no module-preload polyfill injected into the HTML.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: new URL('../dist/renderer', import.meta.url).pathname,
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
