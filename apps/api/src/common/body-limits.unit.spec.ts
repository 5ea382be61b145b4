import { refuseUnlessUtf8, unreadableText } from './body-limits';

describe('text a body may hold', () => {
  it('names the field of the first string that breaks a rule, by its path', () => {
    expect(unreadableText({ data: { jobGoals: ['ok', 'a\u0000b'] } })).toBe(
      'data.jobGoals[1] must not contain control characters (NUL, C0 or C1; tab and line breaks are allowed)',
    );
    expect(unreadableText('\ud83d')).toBe(
      'the body must not contain an unpaired surrogate (text must be valid Unicode)',
    );
    expect(unreadableText({ data: { reason: 'x\u202ey' } })).toBe(
      'data.reason must not contain bidirectional embedding, override or isolate characters',
    );
  });

  it('checks property names too, and never repeats a hostile or CPR-shaped one', () => {
    expect(unreadableText({ data: { 'a\u0000': 1 } })).toBe(
      'a property name in data must not contain control characters (NUL, C0 or C1; tab and line breaks are allowed)',
    );
    expect(unreadableText({ x0101901234: { y: '\u0007' } })).toBe(
      '(a property).y must not contain control characters (NUL, C0 or C1; tab and line breaks are allowed)',
    );
  });

  it('lets ordinary text through: tabs, line breaks, paired surrogates (emoji), Danish letters, marks', () => {
    expect(unreadableText({ a: 'Mødet:\tkl. 10\r\n🙂 ærø \u200e' })).toBeUndefined();
  });
});

describe('the bytes of a body', () => {
  it('are UTF-8, or refused before they are decoded', () => {
    expect(() => refuseUnlessUtf8({}, {}, Buffer.from('{"a":"æ"}'), 'utf-8')).not.toThrow();
    expect(() => refuseUnlessUtf8({}, {}, Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), 'utf-8')).toThrow(
      expect.objectContaining({ type: 'entity.invalid.utf8' }),
    );
    expect(() => refuseUnlessUtf8({}, {}, Buffer.from('"a"', 'utf16le'), 'utf-16le')).toThrow(
      expect.objectContaining({ type: 'charset.not.utf8' }),
    );
  });
});
