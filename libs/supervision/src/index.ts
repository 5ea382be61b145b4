export * from './supervision.rules';
export * from './supervision.measure';
export * from './supervision.tables';
export * from './supervision.projection';
export * from './supervision.queries';
