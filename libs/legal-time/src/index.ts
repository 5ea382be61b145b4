export * from './local-date';
export * from './periods';
export * from './hours';
