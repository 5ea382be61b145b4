import { runInNewContext } from 'node:vm';
import { StoreFailure, asStoreFailure } from './event-log';

/** An SQLite error made in another realm, as better-sqlite3 throws it in the second jest test file of a worker. */
const foreignSqliteError = (code: string, message: string): unknown =>
  runInNewContext('Object.assign(new Error(message), { name: "SqliteError", code })', { code, message });

describe('asStoreFailure', () => {
  it('names an SQLite error from another realm, so it cannot escape the call', () => {
    const error = foreignSqliteError('SQLITE_BUSY', 'database is locked');
    expect(error instanceof Error).toBe(false);
    const failure = asStoreFailure(error);
    expect(failure).toBeInstanceOf(StoreFailure);
    expect(failure!.message).toBe('The event log could not be read (SQLITE_BUSY: database is locked).');
    expect(failure!.transient).toBe(true);
  });

  it('leaves errors that are not SQLite errors alone', () => {
    expect(asStoreFailure(new Error('boom'))).toBeUndefined();
    expect(asStoreFailure(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(asStoreFailure({ code: 'SQLITE_BUSY' })).toBeUndefined();
    expect(asStoreFailure(null)).toBeUndefined();
  });
});
