import { generateKeyPairSync } from 'node:crypto';
import { signToken } from '@app/auth';
import { TokenVerifier } from './token-verifier';

const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const verifier = () =>
  new TokenVerifier({ keys: { kind: 'key', key: key.publicKey }, issuer: 'spec', audience: 'spec' });
const claims = { sub: 'anna@akasse-3f', role: 'integration', org: 'akasse-3f', org_kind: 'akasse' as const };
const issuedAt = Date.UTC(2026, 10, 1, 12) / 1000;
const aToken = () =>
  signToken({ privateKey: key.privateKey }, claims, {
    issuer: 'spec',
    audience: 'spec',
    issuedAt,
    expiresIn: issuedAt + 600,
  });

describe('token verification', () => {
  beforeEach(() => jest.useFakeTimers({ now: issuedAt * 1000, doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  describe('when the same token comes again before it expires', () => {
    it('answers the same principal without checking the signature again', async () => {
      const tokens = verifier();
      const checked = jest.spyOn(tokens as unknown as { verifyNow(t: string): unknown }, 'verifyNow');
      const token = await aToken();
      const first = await tokens.verify(token);
      jest.setSystemTime((issuedAt + 300) * 1000);
      const second = await tokens.verify(token);
      expect(second).toEqual(first);
      expect(second).toMatchObject({ principal: { organisation: 'akasse-3f', role: 'integration' } });
      expect(checked).toHaveBeenCalledTimes(1);
    });
  });

  describe('when a remembered token has expired', () => {
    it('is refused as expired, as an unremembered one would be', async () => {
      const tokens = verifier();
      const token = await aToken();
      expect(await tokens.verify(token)).toHaveProperty('principal');
      // Past exp and the 30 s of clock skew jwtVerify allows.
      jest.setSystemTime((issuedAt + 600 + 31) * 1000);
      expect(await tokens.verify(token)).toEqual({ reason: 'the token has expired' });
    });
  });

  describe('when a token fails to verify', () => {
    it('is not remembered: each try is checked and refused', async () => {
      const tokens = verifier();
      const checked = jest.spyOn(tokens as unknown as { verifyNow(t: string): unknown }, 'verifyNow');
      // A character inside the signature, not its last: the last base64url character of a signature carries
      // padding bits, and changing only those leaves the signature as it was (the spec then failed now and then).
      const good = await aToken();
      const at = good.lastIndexOf('.') + 5;
      const token = good.slice(0, at) + (good[at] === 'A' ? 'B' : 'A') + good.slice(at + 1);
      expect(await tokens.verify(token)).toHaveProperty('reason');
      expect(await tokens.verify(token)).toHaveProperty('reason');
      expect(checked).toHaveBeenCalledTimes(2);
    });
  });
});
