export * from './local-date';
export * from './periods';
export * from './hours';
export * from './clock';
