/**
 * "Forget this person": record the erasure fact (with what STAR counted for them), then destroy their key.
 * The order makes a crash harmless: a fact without a destroyed key is completed by the next attempt, which
 * destroys the key whether the fact is new, repeated or already there. The projections purge the person when
 * they read the fact.
 */
import {
  ContactProcessError,
  type ContactProcessRecorder,
  type ErasedSupervisedCase,
  type ErasureReason,
  type RecordMetadata,
  type RecordResult,
} from '@app/contact-process';
import type { Clock } from '@app/legal-time';
import { supervisedCases } from '@app/supervision';
import type { KeyManagement } from './key-management';

export class PersonEraser {
  constructor(
    private readonly recorder: Pick<ContactProcessRecorder, 'erase'>,
    private readonly keyring: KeyManagement,
    private readonly clock: Clock,
  ) {}

  async erase(personId: string, reason: ErasureReason, meta: RecordMetadata): Promise<RecordResult> {
    let result: RecordResult;
    try {
      result = await this.recorder.erase(personId, reason, (state) => countedFor(state), meta);
    } catch (error) {
      if (error instanceof ContactProcessError && error.code === 'person-erased')
        await this.keyring.destroy(personId, this.clock.now());
      throw error;
    }
    await this.keyring.destroy(personId, this.clock.now());
    return result;
  }
}

function countedFor(state: Parameters<typeof supervisedCases>[0]): ErasedSupervisedCase[] {
  return supervisedCases(state).map((c) => ({
    measure: c.measure,
    organisationId: c.organisationId,
    month: c.month,
    benefitPeriodId: c.benefitPeriodId,
    group: c.group,
    interviewsHeld: c.interviewsHeld,
    ruleSetId: c.ruleSetId,
    required: c.required,
    belowRequired: c.belowRequired,
  }));
}
