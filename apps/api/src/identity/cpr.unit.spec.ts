import { idHoldsCpr, readableText, textHoldsCpr } from './cpr';

describe('CPR numbers in free text', () => {
  describe('when typed in any form people type', () => {
    it.each([
      'cpr 0101901234',
      'cpr 010190-1234',
      'cpr 010190 1234',
      'cpr 01 01 90-1234',
      'cpr 01-01-90-1234',
      'cpr 01.01.90-1234',
      'cpr 010190/1234',
      'cpr 010190_1234',
      'cpr 010190\u20131234',
      'cpr 010190\u00a01234',
      'cpr 0101\u200b90\u00ad1234',
      'cpr \u0660\u0661\u0660\u0661\u0669\u0660\u0661\u0662\u0663\u0664',
      'cpr \u09e6\u09e7\u09e6\u09e7\u09ef\u09e6-\u09e7\u09e8\u09e9\u09ea', // Bengali digits
      'cpr \uff10\uff11\uff10\uff11\uff19\uff10\uff0d\uff11\uff12\uff13\uff14', // fullwidth, with fullwidth hyphen
      'cpr \ud835\udfce\ud835\udfcf\ud835\udfce\ud835\udfcf\ud835\udfd7\ud835\udfce1234', // mathematical digits
      'x 99 99 010190-1234', // a CPR number right after a CPR-shaped number that is not one
      '290200-1234', // 29 February of a year that may be a leap year
    ])('finds the CPR number in %j', (text) => {
      expect(textHoldsCpr(text)).toBe(true);
    });
  });

  describe('when the number cannot be a CPR number', () => {
    it.each([
      'phone 70 20 30 40',
      'meeting 15.03.24 at 10.30',
      'account 1234-5678901234', // 12 34 56: no month 34
      '320190-1234', // no 32nd day
      '300290-1234', // no 30 February
      '01019012345', // 11 digits: a longer number
      'ref 2024-03-15-0001',
      // Wider forms are left out of the policy because ordinary notes read like them:
      'ansat 10.05.03 - 2016', // a date and a year
      'tid 09:30-11:30 - 1680 Odense', // a time range and a postcode
      'fra 2016-11-21 - 09.09.2017', // the end of one date and another date
    ])('leaves %j alone', (text) => {
      expect(textHoldsCpr(text)).toBe(false);
    });
  });

  it('reads every decimal digit as its ASCII digit, removing invisible format characters', () => {
    expect(readableText('\u0661\u0662\u200b\u06f3\u0969\uff14')).toBe('12334');
  });
});

describe('CPR numbers in ids', () => {
  it.each(['0101901234', '010190-1234', '010190_1234', 'x0101901234', 'cpr-010190-1234', 'p.01-01-90-1234'])(
    'finds the CPR number in %j',
    (id) => {
      expect(idHoldsCpr(id)).toBe(true);
    },
  );
  it.each([
    'i-100123-2024-0001', // a running number and a year, in one longer group of digits
    'p-0001',
    'i-2024-03-15-7',
    'bp-20240301-0001',
    '0b6f1f7e-8a0b-4d5e-9d7e-2c6a0b9a1f00',
    'p-Xc1_9cGmKqT3a8Zk0101aBcDeFgHiJ',
  ])('leaves the ordinary id %j alone', (id) => {
    expect(idHoldsCpr(id)).toBe(false);
  });
});
