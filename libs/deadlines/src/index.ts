export * from './deadlines.tables';
export * from './deadlines.projection';
export * from './deadlines.queries';
export * from './deadline-sweep';
export * from './obligation-changes';
export * from './reminder-windows';
