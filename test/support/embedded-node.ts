import { join } from 'node:path';
import Database from 'better-sqlite3';
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

/**
 * Makes SQLite refuse inserting an event row `when` (an SQL condition on NEW), through a second connection to the
 * node's file, as a full disk or a constraint would midway through an append. Returns how to lift the refusal.
 */
export function refuseEventInserts(dataDir: string, when: string): { lift(): void } {
  const other = new Database(join(dataDir, 'events.sqlite'));
  other.exec(
    `CREATE TRIGGER refuse BEFORE INSERT ON events WHEN ${when} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
  );
  return {
    lift: () => {
      other.exec('DROP TRIGGER refuse');
      other.close();
    },
  };
}
