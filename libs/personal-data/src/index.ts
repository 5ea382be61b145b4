export * from './keyring';
export * from './personal-data.codec';
export * from './catalogue';
export * from './person-eraser';
export * from './secrets';
export * from './settings';
