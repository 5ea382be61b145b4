import { EventStoreDBClient } from '@eventstore/db-client';
import { EmbeddedEventStoreNode, type EmbeddedNodeOptions } from '@app/event-store';

export interface TestNode {
  node: EmbeddedEventStoreNode;
  client: EventStoreDBClient;
  stop(): Promise<void>;
}

/** An in-memory embedded node on a free port, and the real client connected to it. */
export async function startTestNode(options: EmbeddedNodeOptions = {}): Promise<TestNode> {
  const node = await EmbeddedEventStoreNode.start({ port: 0, ...options });
  const client = EventStoreDBClient.connectionString(node.connectionString);
  return {
    node,
    client,
    stop: async () => {
      await client.dispose();
      await node.stop();
    },
  };
}

let counter = 0;
/** A stream name no other test in the file uses. */
export const uniqueStream = (prefix = 'stream'): string =>
  `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
