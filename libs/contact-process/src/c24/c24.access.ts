/**
 * C24-JOBORDER and C24-AVAIL as decisions over who may see or assess a member's data (002 §12). They produce no
 * deadlines; the API's access control (issue #7) asks them, and an access log can name the rule that allowed or
 * refused a look.
 */

export interface MemberDataRequest {
  /** The a-kasse asking to see the data. */
  viewerAkasseId: string;
  /** The member's own a-kasse. */
  memberAkasseId: string;
  /** CV, CPR number and health limitations are what another a-kasse may see for a job order (LAB § 13(4)). */
  data: 'cv' | 'cpr' | 'health-limitations' | 'availability-assessment' | 'other';
  /** A concrete recruitment (job order) the look serves, if any. */
  jobOrderId: string | null;
  /** Whether the two a-kasser have an agreement on job-order cooperation. */
  agreementBetweenAkasser: boolean;
  /**
   * Whether the member's own a-kasse attached this member to that job order: the partner sees the members
   * attached to its job order, not every member of the a-kasse (002 §12: "tilknytter … til jobordren").
   */
  memberAttachedToJobOrder: boolean;
}

export interface AccessDecision {
  allowed: boolean;
  ruleId: 'C24-JOBORDER' | 'C24-AVAIL';
  reason: string;
}

const JOB_ORDER_DATA = new Set<MemberDataRequest['data']>(['cv', 'cpr', 'health-limitations']);

export function memberDataAccess(request: MemberDataRequest): AccessDecision {
  const own = request.viewerAkasseId === request.memberAkasseId;
  if (request.data === 'availability-assessment') {
    // The own a-kasse keeps the availability assessment, also when another a-kasse places the member in a job.
    return own
      ? { allowed: true, ruleId: 'C24-AVAIL', reason: 'the member’s own a-kasse assesses availability' }
      : {
          allowed: false,
          ruleId: 'C24-AVAIL',
          reason: `the availability assessment stays with the member’s own a-kasse (${request.memberAkasseId}), also under a job order`,
        };
  }
  if (own) return { allowed: true, ruleId: 'C24-JOBORDER', reason: 'the member’s own a-kasse' };
  if (!JOB_ORDER_DATA.has(request.data)) {
    return {
      allowed: false,
      ruleId: 'C24-JOBORDER',
      reason: 'another a-kasse may see only CV, CPR number and health limitations, and only for a job order',
    };
  }
  if (request.jobOrderId === null) {
    return {
      allowed: false,
      ruleId: 'C24-JOBORDER',
      reason: 'another a-kasse may see a member’s data only for a concrete recruitment (name the job order)',
    };
  }
  if (!request.agreementBetweenAkasser) {
    return {
      allowed: false,
      ruleId: 'C24-JOBORDER',
      reason: `no job-order agreement between ${request.viewerAkasseId} and ${request.memberAkasseId}`,
    };
  }
  if (!request.memberAttachedToJobOrder) {
    return {
      allowed: false,
      ruleId: 'C24-JOBORDER',
      reason: `the member's a-kasse has not attached this member to job order ${request.jobOrderId}: a partner sees only the members attached to its job order`,
    };
  }
  return {
    allowed: true,
    ruleId: 'C24-JOBORDER',
    reason: `job order ${request.jobOrderId}, to which the member's a-kasse attached the member, under the agreement between the a-kasser`,
  };
}
