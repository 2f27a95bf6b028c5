import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type UserConfig } from 'vite';

/** The project root, two levels above this file (libs/web). */
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Default API port of each app with a UI (README "Run it"), for the dev server's proxy. */
const API_PORTS: Record<string, number> = { storefront: 3001, wholesale: 3002, kitchen: 3003, operations: 3004 };

/** Paths the Vite dev server answers itself; everything else a script fetches goes to the API. */
const isViteOwn = (url: string): boolean => /^\/(@|src\/|node_modules\/|libs\/|favicon)/.test(url);

/**
 * Vite configuration of the UI of `app` (root apps/<app>/web): output in dist/web/<app>, where the
 * server finds it; in dev, API calls are proxied to the app on its port (PORT_<APP> overrides it).
 */
export function webConfig(app: string): UserConfig {
  const apiPort = Number(process.env[`PORT_${app.toUpperCase()}`] ?? API_PORTS[app]);
  return defineConfig({
    root: `${projectRoot}apps/${app}/web`,
    base: '/',
    plugins: [vue()],
    resolve: { alias: { '@gx/web': `${projectRoot}libs/web/src` } },
    build: {
      outDir: `${projectRoot}dist/web/${app}`,
      emptyOutDir: true,
      // Budgets are asserted on gzip sizes by the browser tests; Vite's own warning is noise beside them.
      chunkSizeWarningLimit: 1500,
      reportCompressedSize: false,
    },
    server: {
      proxy: {
        '/': {
          target: `http://127.0.0.1:${apiPort}`,
          // A page navigation (text/html) and Vite's own modules stay with Vite.
          bypass: (req) =>
            isViteOwn(req.url ?? '') || (req.headers.accept ?? '').includes('text/html') ? req.url : undefined,
        },
      },
    },
  });
}
