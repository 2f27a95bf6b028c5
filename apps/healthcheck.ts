/**
 * Container health check: GET /health of the app this container runs (APP), on its configured
 * port. Exit 0 when ready, 1 otherwise. Used by docker-compose.yml.
 */
const PORT_VARS: Record<string, [string, number]> = {
  storefront: ['PORT_STOREFRONT', 3001],
  wholesale: ['PORT_WHOLESALE', 3002],
  kitchen: ['PORT_KITCHEN', 3003],
  operations: ['PORT_OPERATIONS', 3004],
  worker: ['PORT_WORKER', 3005],
  all: ['PORT_WORKER', 3005],
};

const [name, fallback] = PORT_VARS[process.env.APP ?? 'all'] ?? PORT_VARS.all;
const port = Number(process.env[name] ?? fallback);
fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
