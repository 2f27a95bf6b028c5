/** Injection token of the name of the app (`storefront`, …, `worker`) a module runs in. */
export const APP_NAME = Symbol('APP_NAME');
