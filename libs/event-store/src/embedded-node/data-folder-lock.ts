import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One node per data folder. Two nodes on the same `events.sqlite` would each trust their own in-memory next
 * position and stream revisions, and the second would fail (or worse, interleave) on its first write.
 *
 * The lock is an exclusive SQLite lock on a small side database, `node.lock`, held for the node's lifetime:
 * - the operating system drops it when the process dies, so a `kill -9` leaves no stale lock to clean up (a
 *   pid file alone would, and a pid can be reused — in a container the node is often pid 1 on every start);
 * - it is not `locking_mode=EXCLUSIVE` on `events.sqlite` itself: in WAL mode that also shuts out every reader
 *   in another process (a backup, the sqlite3 shell, bench/store.bench.ts reading the file), which a WAL
 *   database is meant to allow.
 * `node.pid` only tells the refused node whom to name; it is never used to decide.
 */
export const LOCK_FILE = 'node.lock';
export const PID_FILE = 'node.pid';

/** The data folder cannot be used; the message says why and what to change. */
export class DataFolderError extends Error {}

/** Another node holds the data folder. */
export class DataFolderInUseError extends DataFolderError {}

export class DataFolderLock {
  private constructor(private readonly db: Database.Database) {}

  /** Takes the folder's lock at once, or throws DataFolderInUseError when another node holds it. */
  static acquire(dataDir: string): DataFolderLock {
    const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
    try {
      // In EXCLUSIVE locking mode SQLite keeps the lock of its first write until the connection closes.
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since TEXT NOT NULL)');
      db.transaction(() => {
        db.exec('DELETE FROM holder');
        db.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(
          process.pid,
          new Date().toISOString(),
        );
      })();
    } catch (error) {
      db.close();
      if (isBusy(error)) throw new DataFolderInUseError(inUseMessage(dataDir));
      throw error;
    }
    writeFileSync(join(dataDir, PID_FILE), `${process.pid}\n`);
    return new DataFolderLock(db);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function inUseMessage(dataDir: string): string {
  let holder = 'another process';
  try {
    const pid = readFileSync(join(dataDir, PID_FILE), 'utf8').trim();
    if (/^\d+$/.test(pid)) holder = `another node (pid ${pid})`;
  } catch {
    // no pid file: name no pid
  }
  return (
    `The data folder ${dataDir} is in use by ${holder}: only one node may open it. ` +
    'Stop that node, connect to it instead (EVENTSTORE_CONNECTION_STRING), or set EVENTSTORE_DATA_DIR to another folder.'
  );
}
