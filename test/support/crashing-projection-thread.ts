/**
 * A projection thread that starts, reports one projection running, and then fails with an uncaught error: what
 * projection-thread.int.spec.ts shows the starting thread makes of a thread that dies.
 */
import { parentPort } from 'node:worker_threads';
import type { ThreadReport } from '@app/projections';

const running: ThreadReport = {
  kind: 'started',
  statuses: [
    {
      name: 'counts',
      checkpoint: { commit: 7n, prepare: 7n },
      eventsApplied: 1,
      caughtUp: true,
      state: 'running',
      lastError: null,
      leading: true,
    },
  ],
};
parentPort?.postMessage(running);
setTimeout(() => {
  throw new Error('the read model disk is gone');
}, 50);
