/**
 * The system's daily look at passed deadlines: for every person with an obligation due before today and not
 * met, ask the decider (EvaluateDeadlines) which deadlines passed unmet, and append them as DeadlineMissed —
 * facts an auditor sees, with the rule id and due date. The read model only picks the candidates; the decision
 * is taken on the person's stream, with optimistic concurrency, so a sweep racing a caseworker's write or
 * another sweep appends nothing twice — and counts nothing twice: each run's event ids are its own, so the
 * slower of two runs deciding the same events conflicts (skipped) instead of having its append taken for a
 * retry of the other's (an idempotent success that appends nothing, which it would count as recorded).
 *
 * Given the organisations' reminder windows, the same look notes each open duty of an organisation whose due day
 * came within its window as DeadlineDueSoon — once per obligation and due day (the state remembers it, the
 * append is conditional on the stream's revision), so the feeds' `due-soon` entry is an event's, not a day's.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  decide,
  nameBasedEventId,
  openState,
  storedStateOf,
  type ContactProcessRecorder,
  type ReminderWindows,
  type StateSealing,
} from '@app/contact-process';
import { ConcurrentWriteError, WrongExpectedRevisionError, type Actor } from '@app/event-store';
import { addDays, type LocalDate } from '@app/legal-time';
import { STATES } from './deadlines.projection';
import type { DeadlinesReadModel } from './deadlines.tables';

export const DEADLINE_SWEEP_ACTOR: Actor = {
  organisation: 'sagsforloeb',
  role: 'system',
  user: 'deadline-sweep',
};

export interface SweepResult {
  asOf: LocalDate;
  /** Persons with a passed, unmet deadline in the read model. */
  candidates: number;
  /** Persons for whom DeadlineMissed events were appended, and how many. */
  persons: number;
  recorded: number;
  /** DeadlineDueSoon events appended: duties come within their organisation's reminder window. */
  reminded: number;
  /** Persons whose stream moved while the sweep decided: the next sweep looks again. */
  skipped: number;
}

const PAGE = 500;

export class DeadlineSweep {
  constructor(
    private readonly db: Kysely<DeadlinesReadModel>,
    private readonly recorder: Pick<ContactProcessRecorder, 'evaluateDeadlines'>,
    /** Opens the read model's sealed states. */
    private readonly sealing: Pick<StateSealing, 'openPersonal'>,
    /** The organisations' reminder windows; left out, no duty is noted as coming due soon. */
    private readonly reminders?: ReminderWindows,
  ) {}

  async run(asOf: LocalDate): Promise<SweepResult> {
    const result: SweepResult = { asOf, candidates: 0, persons: 0, recorded: 0, reminded: 0, skipped: 0 };
    const reminders = this.reminders;
    const correlationId = nameBasedEventId(`deadline-sweep:${asOf}`);
    const run = randomUUID();
    let after = '';
    for (;;) {
      const page = await this.candidates(addDays(asOf, this.widestWindow()), after);
      for (const { person_id: personId, state } of page) {
        result.candidates += 1;
        // Most candidates were already recorded as missed on an earlier day: decide on the read model's
        // state first, and read the stream only for those with something new.
        const opened = await openState(this.sealing, STATES, personId, state);
        if (opened === undefined) continue; // erased since the read model saw them: nothing to record
        // A state of another shape (null) is not read: the recorder decides on the stream itself.
        const folded = storedStateOf(opened);
        if (folded && decide({ type: 'EvaluateDeadlines', asOf, reminders }, folded).length === 0) continue;
        try {
          const { events } = await this.recorder.evaluateDeadlines(
            personId,
            asOf,
            {
              eventId: nameBasedEventId(`deadline-sweep:${asOf}:${run}:${personId}`),
              actor: DEADLINE_SWEEP_ACTOR,
              correlationId,
              causationId: null,
            },
            reminders,
          );
          const missed = events.filter((e) => e.type === 'DeadlineMissed').length;
          if (missed > 0) {
            result.persons += 1;
            result.recorded += missed;
          }
          result.reminded += events.length - missed;
        } catch (error) {
          // The recorder words a conflict as ConcurrentWriteError (the sweep asks for no revision of its own).
          if (!(error instanceof ConcurrentWriteError || error instanceof WrongExpectedRevisionError))
            throw error;
          result.skipped += 1;
        }
      }
      if (page.length < PAGE) return result;
      after = page[page.length - 1].person_id;
    }
  }

  /** Days ahead the sweep looks for duties coming due: the widest window, so no organisation's is missed. */
  private widestWindow(): number {
    if (!this.reminders) return 0;
    return Math.max(this.reminders.defaultDays, ...Object.values(this.reminders.days)) + 1;
  }

  /**
   * Persons (with their folded state) having an actionable duty of an organisation due before `before`: passed
   * (before today), or — with reminders — within the widest window.
   */
  private candidates(before: LocalDate, after: string) {
    return this.db
      .selectFrom('contact_process_states')
      .select(['contact_process_states.person_id', 'contact_process_states.state'])
      .where('contact_process_states.person_id', '>', after)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('deadlines')
            .select('deadlines.person_id')
            .whereRef('deadlines.person_id', '=', 'contact_process_states.person_id')
            .where('deadlines.actionable', '=', 1)
            .where('deadlines.owner', '<>', 'person')
            .where('deadlines.due_on', '<', before),
        ),
      )
      .orderBy('contact_process_states.person_id')
      .limit(PAGE)
      .execute();
  }
}
