import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventStoreConnection } from '@app/event-store';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { sendBytes } from './hostile-http';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

/** Issue 15, items 3, 4, 5, 8 and 13: each reproduction, refused with a 400 naming the field, nothing stored. */
describe('well-formed but hostile input', () => {
  let app: INestApplication;
  let system: Client;
  let caseworker: Client;
  const person = 'p-hostile';

  /** The commit position of the newest event: unchanged after a refused request. */
  const head = async () => {
    const { store } = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    let last = -1n;
    for await (const event of store.readAll({ direction: 'backwards', maxCount: 1 }))
      last = event.position.commit;
    return last;
  };
  /** The free-text fact of these specs: a Min Plan, one job goal its text. */
  const exchange = (text: string) => fact('MinPlanPrepared', { preparedOn: '2024-03-15', jobGoals: [text] });
  /** A body sent as these bytes, whatever they are. */
  const sendBody = async (body: Buffer, contentType?: string) => {
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const response = await sendBytes(`http://127.0.0.1:${port}`, 'POST', `/persons/${person}/facts`, {
      token: system.token,
      body,
      contentType,
    });
    return { status: response.status, body: JSON.parse(response.text) as { message?: string[] } };
  };

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => new Date('2024-03-20T09:00:00Z') } });
    await app.listen(0, '127.0.0.1');
    system = await as(app, integrationOf('akasse-3f'));
    caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    await start(person);
  });
  /** A member of akasse-3f, placed and registered. */
  async function start(personId: string) {
    for (const body of [
      fact('PersonFactsRecorded'),
      fact('PlacedInBenefitPeriod', { akasseId: 'akasse-3f', placedOn: '2024-03-01' }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId: 'jc-101' }),
    ])
      await system.post(`/persons/${personId}/facts`).send(body).expect(201);
  }
  afterAll(() => app.close());

  describe('dates the law cannot need (item 3)', () => {
    it.each(['0000-01-01', '0001-01-01', '0099-12-31', '1000-06-15', '1899-12-31', '2200-01-01'])(
      'refuses placedOn %s naming the field, storing nothing',
      async (placedOn) => {
        const before = await head();
        const response = await system
          .post(`/persons/p-early-${placedOn}/facts`)
          .send(fact('PlacedInBenefitPeriod', { akasseId: 'akasse-3f', placedOn }))
          .expect(400);
        expect(response.body.message).toEqual(['data.placedOn must be a date from 1900-01-01 to 2199-12-31']);
        expect(await head()).toBe(before);
      },
    );

    it.each([
      ['history', 'knownAt=1890-01-01', 'knownAt'],
      ['nuphs', 'knownAt=1890-01-01', 'knownAt'],
      ['deadlines', 'knownAt=0001-01-01', 'knownAt'],
      ['deadlines', 'asOf=0099-12-31', 'asOf'],
      ['recommendations', 'asOf=2200-01-01', 'asOf'],
    ])('refuses GET /persons/{id}/%s?%s naming %s', async (view, query, field) => {
      const response = await caseworker.get(`/persons/${person}/${view}?${query}`).expect(400);
      expect(response.body.message).toEqual([`${field} must be a date from 1900-01-01 to 2199-12-31`]);
    });

    it('refuses a month outside the supported dates, and takes the first and last supported day', async () => {
      const month = await system
        .post(`/persons/${person}/facts`)
        .send(fact('BenefitHoursReported', { month: '0099-12' }))
        .expect(400);
      expect(month.body.message).toEqual(['data.month must be a month from 1900-01 to 2199-12']);
      await caseworker.get(`/persons/${person}/history?knownAt=1900-01-01`).expect(200);
      await caseworker.get(`/persons/${person}/deadlines?asOf=2199-12-31`).expect(200);
    });
  });

  describe('CPR numbers in free text, in the forms people type them (item 4)', () => {
    const typed = [
      'cpr 010190 1234',
      'cpr 010190\u20131234', // en dash
      'cpr 010190\u20141234', // em dash
      'cpr 01 01 90-1234',
      'cpr 01.01.90-1234',
      'cpr 010190/1234',
      'cpr 010190\u00a01234', // NBSP
      'cpr 010190\u200b1234', // zero-width space
      'cpr 010190\u00ad1234', // soft hyphen
      'cpr \u0660\u0661\u0660\u0661\u0669\u0660-\u0661\u0662\u0663\u0664', // Arabic-Indic digits
      'cpr \uff10\uff11\uff10\uff11\uff19\uff10\uff11\uff12\uff13\uff14', // fullwidth digits
      'cpr 01019\u0660-1234', // one look-alike digit
    ];
    it.each(typed)('refuses %j naming the field, storing nothing', async (text) => {
      const before = await head();
      const response = await system.post(`/persons/${person}/facts`).send(exchange(text)).expect(400);
      expect(response.body.message).toEqual([
        'data.jobGoals[0] must not contain a CPR number (identify persons with POST /persons/identify)',
      ]);
      expect(response.text).not.toMatch(/1234|\u0661\u0662|\uff11\uff12/);
      expect(await head()).toBe(before);
    });

    it('records the same text without the number', async () => {
      await start('p-no-cpr');
      await system.post('/persons/p-no-cpr/facts').send(exchange('cpr given by phone')).expect(201);
    });
  });

  describe('person ids that contain a CPR number (item 5)', () => {
    it.each(['010190_1234', 'x0101901234', 'cpr-010190-1234', '01-01-90-1234', 'p.010190.1234'])(
      'refuses /persons/%s/facts, creating no stream',
      async (personId) => {
        const before = await head();
        const response = await system
          .post(`/persons/${personId}/facts`)
          .send(fact('PersonFactsRecorded'))
          .expect(400);
        expect(response.body.message).toEqual(['personId must be an opaque id, never a CPR number']);
        expect(await head()).toBe(before);
        await caseworker.get(`/persons/${personId}/history`).expect(400);
      },
    );
  });

  describe('ordinary ids are never read as CPR numbers (item 13)', () => {
    it('records an interview id made of a running number and a year, for a person id of the same scheme', async () => {
      const personId = 'p-100123-2024-0001';
      await start(personId);
      await system
        .post(`/persons/${personId}/facts`)
        .send(fact('JobInterviewHeld', { interviewId: 'i-100123-2024-0001', heldOn: '2024-03-15' }))
        .expect(201);
    });

    it('still refuses an id field that is a CPR number, naming it', async () => {
      const response = await system
        .post(`/persons/${person}/facts`)
        .send(fact('JobInterviewHeld', { interviewId: 'cpr-010190-1234' }))
        .expect(400);
      expect(response.body.message).toEqual([
        'data.interviewId must not contain a CPR number (identify persons with POST /persons/identify)',
      ]);
    });
  });

  describe('text that is not text (item 8)', () => {
    it('refuses a body that is not valid UTF-8 as a whole, before parsing', async () => {
      const before = await head();
      const body = Buffer.concat([
        Buffer.from(JSON.stringify(exchange('before ')).slice(0, -4)),
        Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
        Buffer.from('"]}}'),
      ]);
      const response = await sendBody(body);
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(['the body is not valid UTF-8']);
      expect(await head()).toBe(before);
    });

    it('refuses a body in another charset than UTF-8 (RFC 8259 §8.1)', async () => {
      const response = await sendBody(
        Buffer.from(JSON.stringify(exchange('x')), 'utf16le'),
        'application/json; charset=utf-16le',
      );
      expect(response.status).toBe(415);
      expect(response.body.message).toEqual(['the body must be JSON in UTF-8']);
    });

    it.each([
      [
        'NUL',
        'a\u0000b',
        'must not contain control characters (NUL, C0 or C1; tab and line breaks are allowed)',
      ],
      [
        'a C1 control',
        'a\u0085b',
        'must not contain control characters (NUL, C0 or C1; tab and line breaks are allowed)',
      ],
      ['a lone surrogate', 'a\ud800b', 'must not contain an unpaired surrogate (text must be valid Unicode)'],
      [
        'a lone low surrogate',
        '\udc00',
        'must not contain an unpaired surrogate (text must be valid Unicode)',
      ],
      [
        'a right-to-left override',
        'fil\u202Egnp.exe',
        'must not contain bidirectional embedding, override or isolate characters',
      ],
      [
        'a left-to-right isolate',
        '\u2066x\u2069',
        'must not contain bidirectional embedding, override or isolate characters',
      ],
    ])('refuses %s in free text naming the field, storing nothing', async (_, text, rule) => {
      const before = await head();
      const response = await system.post(`/persons/${person}/facts`).send(exchange(text)).expect(400);
      expect(response.body.message).toEqual([`data.jobGoals[0] ${rule}`]);
      expect(await head()).toBe(before);
    });

    it('keeps tabs, line breaks, emoji and Danish letters', async () => {
      await start('p-plain-text');
      await system
        .post('/persons/p-plain-text/facts')
        .send(exchange('Mødet:\tkl. 10\r\nAftalt: 🙂 ærø'))
        .expect(201);
    });
  });
});
