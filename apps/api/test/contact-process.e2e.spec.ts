import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { as, createTestApp, integrationOf, type Client } from './test-app';

jest.setTimeout(60_000);

/**
 * One person's contact process under C24, from placement to the interview at 16 months, recorded through
 * the API day by day as caseworker systems would, and read back as a caseworker sees it.
 */
describe('a contact process from placement to the 16-month interview', () => {
  let app: INestApplication;
  let today = '2024-03-01';
  const personId = 'p-e2e-1';
  // Each organisation's caseworker system records its facts; the a-kasse's caseworker reads them back.
  let akasse: Client;
  let jobcentre: Client;
  let caseworker: Client;
  let jobcentreCaseworker: Client;

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => new Date(`${today}T12:00:00Z`) } });
    akasse = await as(app, integrationOf('akasse-3f'));
    jobcentre = await as(app, integrationOf('jc-101'));
    caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    jobcentreCaseworker = await as(app, { role: 'jobcenter-caseworker', org: 'jc-101' });
  });
  afterAll(() => app.close());

  async function on(day: string, factType: string, data: object, by: 'akasse' | 'jobcenter' = 'akasse') {
    today = day;
    const response = await (by === 'akasse' ? akasse : jobcentre)
      .post(`/persons/${personId}/facts`)
      .send({ eventId: randomUUID(), factType, recordedBy: by, data });
    if (response.status !== 201)
      throw new Error(`${factType} on ${day}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { events: Array<{ type: string }> };
  }

  const interview = (heldOn: string, heldBy: 'akasse' | 'jobcenter', extra: object = {}) =>
    on(
      heldOn,
      'JobInterviewHeld',
      {
        interviewId: `i-${heldOn}`,
        heldOn,
        heldBy,
        registeredAs: 'individual',
        akasseAttended: heldBy === 'akasse',
        form: 'in-person',
        minPlanPrepared: false,
        joblogReviewed: false,
        repatriationGuidanceGiven: false,
        intensifiedEffortOffered: false,
        allPartiesAgreed: false,
        ...extra,
      },
      heldBy,
    );

  /** Each month's hours, registered by the a-kasse on the 5th of the next month. */
  async function hoursFor(month: string) {
    const [y, m] = month.split('-').map(Number);
    const registeredOn = new Date(Date.UTC(y, m, 5)).toISOString().slice(0, 10);
    return on(registeredOn, 'BenefitHoursReported', {
      month,
      benefitHours: 160.33,
      wageSubsidyHours: 0,
      registeredOn,
    });
  }

  const status = async (day: string) => {
    today = day;
    const response = await caseworker.get(`/persons/${personId}/deadlines`).expect(200);
    return Object.fromEntries(
      (
        response.body.deadlines as Array<{
          ruleId: string;
          obligationKey: string;
          status: string;
          dueOn: string | null;
        }>
      )
        .filter((o) => !o.obligationKey.includes(':2024-') || o.ruleId === 'C24-CV' || o.ruleId === 'C24-JSR')
        .map((o) => [o.ruleId, { status: o.status, dueOn: o.dueOn }]),
    );
  };

  it('shows every deadline met along the way, the handover included', async () => {
    await on('2024-03-01', 'PersonFactsRecorded', {
      birthDate: '1985-04-02',
      hasVocationalEducation: true,
      hasCustodyOfChildrenAtHome: false,
      coveredByRepatriationAct: false,
      residencePermitYears: null,
    });
    await on('2024-03-01', 'PlacedInBenefitPeriod', {
      benefitPeriodId: 'bp-1',
      akasseId: 'akasse-3f',
      insurance: 'full-time',
      placedOn: '2024-03-01',
      continuingPlacement: false,
    });
    await on('2024-03-04', 'RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId: 'jc-101' });

    expect(await status('2024-03-05')).toMatchObject({
      'C24-FIRST': { status: 'open', dueOn: '2024-03-18' },
      'C24-VISIT': { status: 'not-applicable' },
      'C24-AK3': { status: 'open', dueOn: null },
    });

    await on('2024-03-12', 'CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse' });
    await on('2024-03-15', 'JobSearchRequirementsSet', {
      setOn: '2024-03-15',
      by: 'akasse',
      reportedToDfdg: true,
    });
    await interview('2024-03-15', 'akasse', { minPlanPrepared: true, joblogReviewed: true });
    await interview('2024-04-22', 'akasse', { form: 'video' });
    await hoursFor('2024-03');
    await hoursFor('2024-04');
    await interview('2024-05-28', 'akasse');
    const crossing = await hoursFor('2024-05'); // 480.99 h registered on 5 June: handover at the end of June
    expect(crossing.events.map((e) => e.type)).toEqual(['BenefitHoursReported', 'ContactProcessHandedOver']);

    expect(await status('2024-07-01')).toMatchObject({
      'C24-FIRST': { status: 'met' },
      'C24-MINPLAN': { status: 'met' },
      'C24-AK3': { status: 'met', dueOn: '2024-06-30' },
      'C24-CV': { status: 'met' },
      'C24-JSR': { status: 'met' },
      'C24-JC3': { status: 'open', dueOn: null },
    });

    await interview('2024-07-10', 'jobcenter', { registeredAs: 'joint', akasseAttended: true });
    await hoursFor('2024-06');
    await interview('2024-07-31', 'jobcenter');
    await hoursFor('2024-07');
    await interview('2024-08-21', 'jobcenter');
    await hoursFor('2024-08'); // 961.98 h: 6 months reached on 31 August

    expect(await status('2024-09-06')).toMatchObject({
      'C24-JC3': { status: 'met', dueOn: '2024-08-31' },
      'C24-M16': { status: 'open', dueOn: null },
    });

    for (const month of [
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
    ])
      await hoursFor(month);
    await interview('2025-05-20', 'jobcenter', {
      registeredAs: 'joint',
      akasseAttended: false,
      intensifiedEffortOffered: true,
      akasseAttendanceWanted: false, // the person declined the a-kasse at it (LAB §32(2))
    });
    await hoursFor('2025-05');
    await hoursFor('2025-06'); // 16 months: 2,565.28 h reached on 30 June 2025

    expect(await status('2025-07-06')).toMatchObject({
      'C24-FIRST': { status: 'met' },
      'C24-AK3': { status: 'met' },
      'C24-JC3': { status: 'met' },
      'C24-M16': { status: 'met', dueOn: '2025-06-30' },
      'C24-EDU6': { status: 'not-applicable' },
    });

    const worklist = await jobcentreCaseworker.get('/worklists/jobcentres/jc-101?kind=overdue').expect(200);
    expect(worklist.body.items.filter((i: { personId: string }) => i.personId === personId)).toEqual([]);
  });
});
