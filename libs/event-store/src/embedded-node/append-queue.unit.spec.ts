import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refuseEventInserts } from '../../../../test/support/embedded-node';
import { AppendQueue } from './append-queue';
import {
  EventLog,
  StoreFailure,
  type AppendOutcome,
  type AppendRequest,
  type ExpectedRevision,
  type ProposedEvent,
} from './event-log';

let counter = 0;
const anEvent = (type = 'Numbered'): ProposedEvent => ({
  id: `00000000-0000-4000-8000-${String((counter += 1)).padStart(12, '0')}`,
  type,
  contentType: 'application/json',
  data: Buffer.from(JSON.stringify({ n: counter })),
  metadata: Buffer.from('{}'),
});
const request = (
  streamName: string,
  events: ProposedEvent[],
  expected: ExpectedRevision = { kind: 'any' },
): AppendRequest => ({ streamName, expected, events });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const types = (log: EventLog, stream: string) => log.readStreamForward(stream, 0n, 100).map((e) => e.type);

describe('group commit: appends that arrive together', () => {
  let log: EventLog;
  let queue: AppendQueue;
  let answers: Array<AppendOutcome | StoreFailure>;
  const append = (r: AppendRequest) => queue.append(r, (outcome) => answers.push(outcome));
  beforeEach(() => {
    log = new EventLog();
    queue = new AppendQueue(log);
    answers = [];
  });
  afterEach(() => log.close());

  it('are written in one commit and each answered only after it, in the order they arrived', async () => {
    const commits = log.commits;
    append(request('a', [anEvent()]));
    append(request('b', [anEvent(), anEvent()]));
    append(request('c', [anEvent()]));
    expect(answers).toEqual([]);
    await nextTurn();
    expect(log.commits).toBe(commits + 1);
    const first = log.lastPosition - 3;
    expect(answers).toEqual([
      { kind: 'success', currentRevision: 0n, position: first },
      { kind: 'success', currentRevision: 1n, position: first + 2 },
      { kind: 'success', currentRevision: 0n, position: first + 3 },
    ]);
    expect(log.readAllForward(first, 10).map((e) => e.streamName)).toEqual(['a', 'b', 'b', 'c']);
  });

  it('decide each append after the ones before it: expected revisions and retried event ids', async () => {
    const retried = [anEvent()];
    append(request('s', retried, { kind: 'no-stream' }));
    append(request('s', [anEvent()], { kind: 'no-stream' }));
    append(request('s', retried, { kind: 'no-stream' }));
    append(request('s', [anEvent()], { kind: 'exact', revision: 0n }));
    await nextTurn();
    const position = log.lastPosition - 1;
    expect(answers).toEqual([
      { kind: 'success', currentRevision: 0n, position },
      { kind: 'wrong-expected-version', currentRevision: 0n, expected: { kind: 'no-stream' } },
      { kind: 'success', currentRevision: 0n, position },
      { kind: 'success', currentRevision: 1n, position: position + 1 },
    ]);
    expect(types(log, 's')).toHaveLength(2);
  });

  it('are written at once when a write that must come after them flushes the queue', () => {
    append(request('f', [anEvent()]));
    queue.flush();
    expect(answers).toEqual([{ kind: 'success', currentRevision: 0n, position: log.lastPosition }]);
  });
});

describe('group commit: a write SQLite refuses', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'group-commit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails that append alone; the others are written, with no gap and nothing of it cached', () => {
    const log = new EventLog({ dataDir: dir });
    try {
      refuseEventInserts(dir, "NEW.type = 'Refused'");
      const first = log.lastPosition + 1;
      const outcomes = log.appendAll([
        request('kept', [anEvent('Before')]),
        request('refused', [anEvent('RolledBack'), anEvent('Refused')]),
        request('kept', [anEvent('After')]),
      ]);
      expect(outcomes[0]).toEqual({ kind: 'success', currentRevision: 0n, position: first });
      expect(outcomes[1]).toBeInstanceOf(StoreFailure);
      expect(outcomes[2]).toEqual({ kind: 'success', currentRevision: 1n, position: first + 1 });
      expect(types(log, 'kept')).toEqual(['Before', 'After']);
      expect(log.streamStatus('refused')).toBe('not-found');
      expect(log.readAllForward(first, 10).map((e) => e.type)).toEqual(['Before', 'After']);
    } finally {
      log.close();
    }
  });
});
