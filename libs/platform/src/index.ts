export * from './platform.exports';
