export * from './access-log.events';
export * from './access-log.tables';
export * from './access-log.projection';
export * from './access-log.queries';
