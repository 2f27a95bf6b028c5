// `npm run dev:web -- <app>`: Vite dev server of that app's UI with hot reload, the API proxied to the running app.
import { existsSync } from 'node:fs';
import { createServer } from 'vite';

const app = process.argv[2];
const config = `apps/${app}/web/vite.config.mts`;
if (!app || !existsSync(config)) {
  process.stderr.write('usage: npm run dev:web -- <app>   (an app with a UI: apps/<app>/web)\n');
  process.exit(1);
}
const server = await createServer({ configFile: config, server: { port: Number(process.env.WEB_DEV_PORT ?? 5173) } });
await server.listen();
server.printUrls();
