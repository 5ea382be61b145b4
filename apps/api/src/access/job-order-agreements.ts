import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type Actor, type Clock } from '@app/event-store';
import { copenhagenDateOf } from '@app/legal-time';
import { ACCESS_CLOCK } from './access-log';

/**
 * Job-order agreements (C24-JOBORDER): the a-kasse whose members are disclosed records that a partner a-kasse
 * may see its members' CV for concrete recruitments; the agreement is one-way (a mutual one is two records).
 */
export const jobOrderAgreementsStream = (memberAkasseId: string) => `job-order-agreements-${memberAkasseId}`;

export type AgreementEvent =
  | {
      type: 'JobOrderAgreementEntered';
      data: { partnerAkasseId: string; reference: string; enteredOn: string };
    }
  | { type: 'JobOrderAgreementEnded'; data: { partnerAkasseId: string; endedOn: string } };

export interface Agreement {
  partnerAkasseId: string;
  reference: string;
  enteredOn: string;
}

/** The agreements in force after the events, by partner. */
export function agreementsIn(events: AgreementEvent[]): Map<string, Agreement> {
  const inForce = new Map<string, Agreement>();
  for (const event of events) {
    switch (event.type) {
      case 'JobOrderAgreementEntered':
        inForce.set(event.data.partnerAkasseId, { ...event.data });
        break;
      case 'JobOrderAgreementEnded':
        inForce.delete(event.data.partnerAkasseId);
        break;
      default: {
        const never: never = event;
        return never;
      }
    }
  }
  return inForce;
}

@Injectable()
export class JobOrderAgreements {
  constructor(
    private readonly store: EventStore,
    @Inject(ACCESS_CLOCK) private readonly clock: Clock,
  ) {}

  async inForce(memberAkasseId: string): Promise<Map<string, Agreement>> {
    const events = await this.store.readStream(jobOrderAgreementsStream(memberAkasseId));
    return agreementsIn(
      events
        .filter((e) => e.type === 'JobOrderAgreementEntered' || e.type === 'JobOrderAgreementEnded')
        .map((e) => ({ type: e.type, data: e.data }) as AgreementEvent),
    );
  }

  async has(memberAkasseId: string, viewerAkasseId: string): Promise<boolean> {
    return (await this.inForce(memberAkasseId)).has(viewerAkasseId);
  }

  async end(memberAkasseId: string, partnerAkasseId: string, actor: Actor): Promise<void> {
    const endedOn = copenhagenDateOf(this.clock.now());
    await this.record(
      memberAkasseId,
      { type: 'JobOrderAgreementEnded', data: { partnerAkasseId, endedOn } },
      actor,
    );
  }

  async record(memberAkasseId: string, event: AgreementEvent, actor: Actor): Promise<void> {
    await this.store.append(jobOrderAgreementsStream(memberAkasseId), [
      {
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: {
          eventId: randomUUID(),
          occurredAt: this.clock.now().toISOString(),
          actor,
          correlationId: randomUUID(),
          causationId: null,
        },
      },
    ]);
  }
}
