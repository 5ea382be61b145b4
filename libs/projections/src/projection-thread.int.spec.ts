import { join } from 'node:path';
import { openReadModel } from './read-model-database';
import { ProjectionThread } from './projection-thread';
import { eventually } from '../../../test/support/eventually';

jest.setTimeout(60_000);

describe('a projection thread that dies', () => {
  it('shows its projections failed, with the reason, instead of leaving them running', async () => {
    const db = openReadModel<unknown>({ sqlitePath: ':memory:' });
    const thread = new ProjectionThread(
      join(__dirname, '../../../test/support/crashing-projection-thread.ts'),
    );
    const counts = thread.add('counts', { on: 'stream-name', prefixes: ['c-'] }, db);
    try {
      await thread.start({});
      expect(counts.status()).toMatchObject({ state: 'running', leading: true });
      await eventually(() => counts.status().state === 'failed', 'the thread’s failure to show');
      expect(counts.status()).toMatchObject({ leading: false, caughtUp: false });
      expect(counts.status().lastError).toContain('the read model disk is gone');
      // What it had committed stays included; a wait beyond it looks at the stored checkpoint and answers in time.
      await expect(counts.waitFor({ commit: 7n, prepare: 7n }, 100)).resolves.toBe(true);
      await expect(counts.waitFor({ commit: 8n, prepare: 8n }, 100)).resolves.toBe(false);
    } finally {
      await thread.stop();
      await db.destroy();
    }
  });
});
