export * from './envelope';
export * from './errors';
export * from './event-store';
export * from './connection';
export {
  EmbeddedEventStoreNode,
  PortInUseError,
  type EmbeddedNodeOptions,
} from './embedded-node/embedded-node';
export { EmbeddedNodeThread, type EmbeddedNode } from './embedded-node/node-thread';
export { DataFolderError } from './embedded-node/event-log';
export { LruCache } from './embedded-node/lru';
export * from './store-observer';
