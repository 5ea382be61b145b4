/**
 * "Forget this person": record the erasure fact, then destroy their key. The order makes a crash harmless: a
 * fact without a destroyed key is completed by the next attempt, which destroys the key whether the fact is new,
 * repeated or already there. The projections purge the person when they read the fact.
 *
 * What the fact holds and how it is recorded is the process's (the API hands it in): this lib knows keys only.
 */
import type { Clock } from '@app/legal-time';
import type { KeyManagement } from './key-management';

export interface ErasureRecording<R> {
  /** Records the erasure fact. */
  record(): Promise<R>;
  /** Whether an error of `record` says the person was erased before (their key must go all the same). */
  erasedBefore(error: unknown): boolean;
}

export class PersonEraser {
  constructor(
    private readonly keyring: KeyManagement,
    private readonly clock: Clock,
  ) {}

  async erase<R>(personId: string, erasure: ErasureRecording<R>): Promise<R> {
    let result: R;
    try {
      result = await erasure.record();
    } catch (error) {
      if (erasure.erasedBefore(error)) await this.keyring.destroy(personId, this.clock.now());
      throw error;
    }
    await this.keyring.destroy(personId, this.clock.now());
    return result;
  }
}
