// The renderer's production build: relative paths (loaded from a file or the web bridge), no
// inline scripts or styles (the CSP allows 'self' only), component CSS emitted to files: the
// first screen's linked from index.html, a lazy screen's (src/lib/lazy-screens.ts) fetched with
// its chunk. The manifest (dist/.vite/manifest.json) tells the size bench what the first load is.
// `--ssr` builds the web bridge's prerenderer (src/first-screen.server.ts) into dist/renderer-ssr
// beside the compiled electron/ code, outside what is served or packaged.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig(({ isSsrBuild }) => ({
  root: import.meta.dirname,
  base: './',
  plugins: [svelte({ configFile: false, emitCss: true, compilerOptions: { css: 'external' } })],
  build: {
    outDir: isSsrBuild ? '../dist/renderer-ssr' : 'dist',
    emptyOutDir: true,
    copyPublicDir: !isSsrBuild,
    target: isSsrBuild ? 'node20' : 'es2022',
    // index.html preloads the chunks the entry imports (no waterfall before the window takes the
    // page over); every browser this runs in has modulepreload, so no polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    manifest: !isSsrBuild,
    reportCompressedSize: false,
  },
}));
