import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type Actor } from '@app/event-store';
import { copenhagenDateOf, type Clock } from '@app/legal-time';
import { ACCESS_CLOCK } from './access-log';
import { currentCorrelationId } from '../observability/correlation';

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

/** The member's a-kasse attaches one of its members to a partner's job order (002 §12: "tilknytter"). */
export interface MemberAttachedToJobOrder {
  partnerAkasseId: string;
  jobOrderId: string;
  personId: string;
  attachedOn: string;
}

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

function agreementEventsOf(events: Array<{ type: string; data: unknown }>): AgreementEvent[] {
  return events
    .filter((e) => e.type === 'JobOrderAgreementEntered' || e.type === 'JobOrderAgreementEnded')
    .map((e) => ({ type: e.type, data: e.data }) as AgreementEvent);
}

@Injectable()
export class JobOrderAgreements {
  constructor(
    private readonly store: EventStore,
    @Inject(ACCESS_CLOCK) private readonly clock: Clock,
  ) {}

  async inForce(memberAkasseId: string): Promise<Map<string, Agreement>> {
    return agreementsIn(await this.agreementEvents(memberAkasseId));
  }

  /**
   * Whether the member's a-kasse has an agreement in force with the viewer, and attached the person to the
   * viewer's job order under it (an attachment made under an agreement since ended does not count).
   */
  async forJobOrder(
    memberAkasseId: string,
    viewerAkasseId: string,
    jobOrderId: string,
    personId: string,
  ): Promise<{ agreement: boolean; attached: boolean }> {
    const events = await this.store.readStream(jobOrderAgreementsStream(memberAkasseId));
    const agreement = agreementsIn(agreementEventsOf(events)).get(viewerAkasseId);
    if (!agreement) return { agreement: false, attached: false };
    const attached = events.some((e) => {
      if (e.type !== 'MemberAttachedToJobOrder') return false;
      const a = e.data as MemberAttachedToJobOrder;
      return (
        a.partnerAkasseId === viewerAkasseId &&
        a.jobOrderId === jobOrderId &&
        a.personId === personId &&
        a.attachedOn >= agreement.enteredOn
      );
    });
    return { agreement: true, attached };
  }

  async attach(memberAkasseId: string, attachment: MemberAttachedToJobOrder, actor: Actor): Promise<void> {
    await this.append(memberAkasseId, 'MemberAttachedToJobOrder', attachment, actor);
  }

  private async agreementEvents(memberAkasseId: string): Promise<AgreementEvent[]> {
    return agreementEventsOf(await this.store.readStream(jobOrderAgreementsStream(memberAkasseId)));
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
    await this.append(memberAkasseId, event.type, event.data, actor);
  }

  private async append(memberAkasseId: string, type: string, data: unknown, actor: Actor): Promise<void> {
    await this.store.append(jobOrderAgreementsStream(memberAkasseId), [
      {
        type,
        schemaVersion: 1,
        data,
        metadata: {
          eventId: randomUUID(),
          occurredAt: this.clock.now().toISOString(),
          actor,
          correlationId: currentCorrelationId(),
          causationId: null,
        },
      },
    ]);
  }
}
