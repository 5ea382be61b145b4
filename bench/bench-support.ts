/**
 * What the benches share: CPU meters from /proc, percentiles, the built-in profiler, bench-signed tokens, and
 * the fact type each population command is posted as.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { signToken } from '@app/auth';

/**
 * CPU seconds (user + system) a process has used so far, from Linux's /proc (clock ticks of 1/100 s, the kernel's
 * USER_HZ); undefined where there is no /proc.
 */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { url: string; functionName: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** Profiles this process with the built-in inspector (no dependency), from start() to stop(). */
export async function startProfiler() {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(file?: string): Promise<CpuProfile> {
      const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
      if (file) writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      return profile;
    },
  };
}

/** The API verifies bearer tokens: the bench signs its own, per caseworker system, with a key made here. */
export function benchTokens() {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const tokens = new Map<string, Promise<string>>();
  return {
    auth: { keys: { kind: 'key' as const, key: key.publicKey }, issuer: 'bench', audience: 'bench' },
    tokenOf(org: string, kind: 'akasse' | 'jobcenter'): Promise<string> {
      let token = tokens.get(org);
      if (!token) {
        token = signToken(
          { privateKey: key.privateKey },
          { sub: `bench@${org}`, role: 'integration', org, org_kind: kind },
          { issuer: 'bench', audience: 'bench', expiresIn: '2h' },
        );
        tokens.set(org, token);
      }
      return token;
    },
  };
}

export const FACT_TYPE_OF: Record<string, string> = {
  RecordPersonFacts: 'PersonFactsRecorded',
  PlaceInBenefitPeriod: 'PlacedInBenefitPeriod',
  RegisterAsJobseeker: 'RegisteredAsJobseeker',
  ReportBenefitHours: 'BenefitHoursReported',
  RecordJobInterview: 'JobInterviewHeld',
  MarkCvComplete: 'CvMarkedComplete',
  SetJobSearchRequirements: 'JobSearchRequirementsSet',
  VisitateToJobcenter: 'VisitatedToJobcenter',
};
