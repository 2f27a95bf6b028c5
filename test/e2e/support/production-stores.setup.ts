// Setup file of the `e2e-production` Jest project: the e2e suite on the production adapters.
process.env.GX_E2E_STORES = 'production';
