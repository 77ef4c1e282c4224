import { defineConfig, loadEnv } from 'vite';

// The server serves dist/ under a strict Content-Security-Policy
// (script-src 'self'; style-src 'self'; font-src 'self'; ...), so the build
// must never emit inline scripts, inline styles or data: fonts.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, '.', 'SKILLNEXUS_');
  // `npm run dev` forwards API calls to a locally running server.
  const apiTarget = env.SKILLNEXUS_API_URL ?? 'http://127.0.0.1:8080';

  return {
    base: '/',
    // The app is written against React's API and runs on Preact's compatible implementation: the
    // same components, and the code every page loads went from 227 kB to 37 kB minified. A video
    // lesson's first frame came 158 ms sooner in alternating loads (bench/README.md, "Media").
    // The types stay React's (@types/react); the browser tests run what ships.
    resolve: {
      alias: [
        { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
        { find: /^react-dom$/, replacement: 'preact/compat' },
        { find: /^react$/, replacement: 'preact/compat' },
      ],
    },
    oxc: {
      jsx: { runtime: 'automatic' },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // Vite's default names are content-hashed: assets/[name]-[hash].[ext].
      assetsDir: 'assets',
      // No inline polyfill script; every browser we target supports modulepreload.
      modulePreload: { polyfill: false },
      // Always emit assets as hashed files, never as data: URIs (CSP-friendly).
      assetsInlineLimit: 0,
      sourcemap: false,
      reportCompressedSize: false,
    },
    server: {
      proxy: {
        '/api': apiTarget,
        '/readyz': apiTarget,
      },
    },
  };
});
