import { isEventMetadata, parseStoredType, storedTypeOf } from './envelope';

describe('event envelope', () => {
  describe('stored event type', () => {
    it('carries the schema version: JobInterviewHeld.v1', () => {
      expect(storedTypeOf('JobInterviewHeld', 1)).toBe('JobInterviewHeld.v1');
      expect(parseStoredType('JobInterviewHeld.v12')).toEqual({
        type: 'JobInterviewHeld',
        schemaVersion: 12,
      });
    });

    it('reads a type without a version (system or foreign events) as version 0', () => {
      expect(parseStoredType('$metadata')).toEqual({ type: '$metadata', schemaVersion: 0 });
    });

    it.each([0, -1, 1.5])('refuses schema version %p', (v) => {
      expect(() => storedTypeOf('X', v)).toThrow(/schemaVersion of X must be a positive integer/);
    });
  });

  describe('metadata shape', () => {
    const valid = {
      eventId: 'e',
      occurredAt: '2026-01-01T00:00:00Z',
      actor: { organisation: 'akasse-1', role: 'integration', user: 'u' },
      correlationId: 'c',
      causationId: null,
    };
    it('accepts the full envelope metadata', () => expect(isEventMetadata(valid)).toBe(true));
    it('rejects metadata without an actor', () =>
      expect(isEventMetadata({ ...valid, actor: undefined })).toBe(false));
    it('rejects a numeric causation id', () =>
      expect(isEventMetadata({ ...valid, causationId: 3 })).toBe(false));
  });
});
