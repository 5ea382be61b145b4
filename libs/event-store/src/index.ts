export * from './envelope';
export * from './errors';
export * from './event-store';
export * from './connection';
export {
  EmbeddedEventStoreNode,
  PortInUseError,
  type EmbeddedNodeOptions,
} from './embedded-node/embedded-node';
export { DataFolderError, type Clock } from './embedded-node/event-log';
export * from './store-observer';
