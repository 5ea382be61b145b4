/**
 * The worker thread's side of EmbeddedNodeThread: starts the node with the options it was given, says on which
 * port it listens (or why it could not start), and stops it when asked.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EmbeddedEventStoreNode } from './embedded-node';
import type { FromNodeThread, NodeThreadOptions, ToNodeThread } from './node-thread';

const port = parentPort!;
const tell = (message: FromNodeThread) => port.postMessage(message);

EmbeddedEventStoreNode.start(workerData as NodeThreadOptions).then(
  (node) => {
    port.on('message', (message: ToNodeThread) => {
      if (message.kind !== 'stop') return;
      // Stopped, the thread has nothing left to do; its owner waits for it to exit.
      void node.stop().then(() => process.exit(0));
    });
    tell({ kind: 'listening', port: node.port });
  },
  (error: Error) => {
    // Nothing keeps the thread alive after this: it exits once the message is out.
    tell({ kind: 'failed', name: error.constructor.name, message: error.message });
  },
);
