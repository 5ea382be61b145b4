import { Lease } from './lease';

describe('a lease held alone (no PostgreSQL)', () => {
  it('stops when stop() is called while its job is still starting', async () => {
    let started!: () => void;
    const starting = new Promise<void>((resolve) => (started = resolve));
    let lost = 0;
    const lease = new Lease({
      name: 'alone',
      onAcquired: () => starting,
      onLost: async () => void (lost += 1),
    });
    lease.start();
    const stopped = lease.stop();
    started();
    // Before the fix, the loop waited for a wake-up that stop() had already given: this never resolved.
    await stopped;
    expect(lease.isHeld()).toBe(false);
    expect(lost).toBe(1);
  });
});
