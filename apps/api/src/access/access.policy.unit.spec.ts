import {
  decideErasure,
  decideFactRecording,
  decidePersonRead,
  decideWorklist,
  type Affiliation,
  type PersonRead,
} from './access.policy';
import { principalFromClaims, type Principal } from '@app/auth';

const aCaller = (claims: Record<string, unknown>): Principal => {
  const read = principalFromClaims({ sub: 'u-1', ...claims });
  if ('reason' in read) throw new Error(read.reason);
  return read.principal;
};
const aMember = (overrides: Partial<Affiliation> = {}): Affiliation => ({
  akasseId: 'akasse-3f',
  jobcenterIds: ['jc-101'],
  ...overrides,
});
const aRead = (overrides: Partial<PersonRead> = {}): PersonRead => ({
  personId: 'p-1',
  data: 'deadlines',
  jobOrderId: null,
  agreementWithMembersAkasse: false,
  attachedToJobOrder: false,
  ...overrides,
});

describe('who may read a person’s data', () => {
  describe('an a-kasse caseworker', () => {
    const caseworker = aCaller({ role: 'akasse-caseworker', org: 'akasse-3f' });

    it('reads its own members', () => {
      expect(decidePersonRead(caseworker, aMember(), aRead())).toEqual({
        allowed: true,
        basis: 'member of akasse-3f',
        ruleId: null,
      });
    });

    it('is refused another a-kasse’s member and an unknown person alike', () => {
      const foreign = decidePersonRead(caseworker, aMember({ akasseId: 'akasse-krifa' }), aRead());
      const unknown = decidePersonRead(caseworker, undefined, aRead());
      expect(foreign).toMatchObject({ allowed: false, code: 'not-own-person' });
      expect(unknown).toEqual(foreign);
    });

    describe('when it names a job order for another a-kasse’s member (C24-JOBORDER)', () => {
      const partner = aCaller({ role: 'akasse-caseworker', org: 'akasse-krifa' });
      const cv = aRead({ data: 'cv', jobOrderId: 'jo-1' });

      it('reads the CV under an agreement, of a member attached to the job order', () => {
        expect(
          decidePersonRead(partner, aMember(), {
            ...cv,
            agreementWithMembersAkasse: true,
            attachedToJobOrder: true,
          }),
        ).toMatchObject({
          allowed: true,
          ruleId: 'C24-JOBORDER',
        });
      });

      it('is refused a member its a-kasse did not attach to the job order, even under an agreement', () => {
        expect(
          decidePersonRead(partner, aMember(), { ...cv, agreementWithMembersAkasse: true }),
        ).toMatchObject({ allowed: false, code: 'C24-JOBORDER' });
      });

      it('is refused without an agreement, without learning the member’s a-kasse', () => {
        const refused = decidePersonRead(partner, aMember(), cv);
        expect(refused).toMatchObject({ allowed: false, code: 'C24-JOBORDER' });
        expect(JSON.stringify(refused)).not.toContain('akasse-3f');
      });

      it('is refused anything but the CV, even under an agreement', () => {
        expect(
          decidePersonRead(partner, aMember(), {
            ...cv,
            data: 'deadlines',
            agreementWithMembersAkasse: true,
          }),
        ).toMatchObject({ allowed: false, code: 'C24-JOBORDER' });
      });
    });
  });

  describe('a jobcentre caseworker', () => {
    const caseworker = aCaller({ role: 'jobcenter-caseworker', org: 'jc-101' });

    it('reads the persons registered with it, not their access log', () => {
      expect(decidePersonRead(caseworker, aMember(), aRead())).toMatchObject({ allowed: true });
      expect(decidePersonRead(caseworker, aMember({ jobcenterIds: ['jc-202'] }), aRead())).toMatchObject({
        allowed: false,
      });
      expect(decidePersonRead(caseworker, aMember(), aRead({ data: 'access-log' }))).toMatchObject({
        allowed: false,
      });
    });
  });

  describe('an auditor', () => {
    it('with scope all reads anyone; a scoped one only its organisations’ persons', () => {
      expect(
        decidePersonRead(aCaller({ role: 'auditor', org: 'rr', scope: 'all' }), undefined, aRead()),
      ).toMatchObject({ allowed: true });
      const scoped = aCaller({ role: 'auditor', org: 'rr', scope: 'jc-101' });
      expect(decidePersonRead(scoped, aMember(), aRead())).toMatchObject({ allowed: true });
      expect(decidePersonRead(scoped, aMember({ jobcenterIds: [] }), aRead())).toMatchObject({
        allowed: false,
        code: 'out-of-scope',
      });
    });
  });

  it('never shows a person to a STAR analyst', () => {
    expect(
      decidePersonRead(aCaller({ role: 'star-analyst', org: 'star' }), aMember(), aRead()),
    ).toMatchObject({ allowed: false });
  });
});

describe('who may record a fact', () => {
  const akasseSystem = aCaller({ role: 'integration', org: 'akasse-3f', org_kind: 'akasse' });
  const jobcentreSystem = aCaller({ role: 'integration', org: 'jc-101', org_kind: 'jobcenter' });
  const fact = { personId: 'p-1', recordedBy: 'akasse' as const, factType: 'CvMarkedComplete' };

  it('an a-kasse’s system: its members, a person not placed yet, a placement in itself only', () => {
    expect(decideFactRecording(akasseSystem, aMember(), fact)).toMatchObject({ allowed: true });
    expect(decideFactRecording(akasseSystem, undefined, fact)).toMatchObject({ allowed: true });
    expect(decideFactRecording(akasseSystem, aMember({ akasseId: 'akasse-krifa' }), fact)).toMatchObject({
      allowed: false,
    });
    expect(
      decideFactRecording(akasseSystem, undefined, {
        ...fact,
        factType: 'PlacedInBenefitPeriod',
        akasseId: 'akasse-krifa',
      }),
    ).toMatchObject({ allowed: false, code: 'not-own-organisation' });
  });

  it('a jobcentre’s system: as a jobcentre, for the persons registered with it', () => {
    const asJobcentre = { ...fact, recordedBy: 'jobcenter' as const };
    expect(decideFactRecording(jobcentreSystem, aMember(), asJobcentre)).toMatchObject({ allowed: true });
    expect(decideFactRecording(jobcentreSystem, aMember(), fact)).toMatchObject({
      code: 'recorded-by-mismatch',
    });
    expect(decideFactRecording(jobcentreSystem, aMember({ jobcenterIds: [] }), asJobcentre)).toMatchObject({
      allowed: false,
    });
  });

  it('never a caseworker or an auditor', () => {
    expect(
      decideFactRecording(aCaller({ role: 'akasse-caseworker', org: 'akasse-3f' }), aMember(), fact),
    ).toMatchObject({
      code: 'not-for-this-role',
    });
  });
});

describe('who may erase a person', () => {
  it('the caseworker system of the person’s own a-kasse, and no one else', () => {
    const own = aCaller({ role: 'integration', org: 'akasse-3f', org_kind: 'akasse' });
    expect(decideErasure(own, aMember(), 'p-1')).toEqual({
      allowed: true,
      basis: 'member of akasse-3f',
      ruleId: null,
    });
    expect(decideErasure(own, aMember({ akasseId: 'akasse-krifa' }), 'p-1')).toMatchObject({
      allowed: false,
      code: 'not-own-person',
    });
    expect(decideErasure(own, undefined, 'p-1')).toMatchObject({ allowed: false, code: 'not-own-person' });
    const jobcentre = aCaller({ role: 'integration', org: 'jc-101', org_kind: 'jobcenter' });
    expect(decideErasure(jobcentre, aMember(), 'p-1')).toMatchObject({
      allowed: false,
      code: 'not-for-this-role',
      reason: expect.stringContaining('not by a jobcentre'),
    });
    const caseworker = aCaller({ role: 'akasse-caseworker', org: 'akasse-3f' });
    expect(decideErasure(caseworker, aMember(), 'p-1')).toMatchObject({
      allowed: false,
      code: 'not-for-this-role',
    });
  });
});

describe('worklists', () => {
  it('are the caller’s own organisation’s', () => {
    const caseworker = aCaller({ role: 'akasse-caseworker', org: 'akasse-3f' });
    expect(decideWorklist(caseworker, 'akasse', 'akasse-3f')).toMatchObject({ allowed: true });
    expect(decideWorklist(caseworker, 'akasse', 'akasse-krifa')).toMatchObject({ allowed: false });
    expect(decideWorklist(caseworker, 'jobcenter', 'akasse-3f')).toMatchObject({ allowed: false });
    expect(
      decideWorklist(aCaller({ role: 'auditor', org: 'rr', scope: 'all' }), 'akasse', 'akasse-3f'),
    ).toMatchObject({
      allowed: false,
    });
  });
});
