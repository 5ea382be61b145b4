import { CompiledQuery, type Kysely } from 'kysely';
import { readModelDialect } from './read-model-database';

/** On a row whose key is taken: its other columns set to the new row's (an upsert). */
export interface OnConflictUpdate {
  key: readonly string[];
  update: readonly string[];
}

/**
 * Inserts `rows` (the values of `columns`, undefined written as NULL) in statements of a few rows each, the same SQL
 * text for the same table and number of rows — prepared once (the read model keeps prepared statements by their
 * text). What a projection's batch writes per event: Kysely's builder parses, freezes and compiles every value of
 * every row anew, which cost the apply path a good part of what SQLite's own work does.
 */
export async function insertRows<Row extends object>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any read model, or a transaction on one
  db: Kysely<any>,
  table: string,
  columns: ReadonlyArray<keyof Row & string>,
  rows: readonly Row[],
  onConflict?: OnConflictUpdate,
): Promise<void> {
  const dialect = readModelDialect(db);
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const some = rows.slice(start, start + ROWS_PER_STATEMENT);
    const text = insertText(dialect, table, columns, some.length, onConflict);
    const parameters: unknown[] = [];
    for (const row of some)
      for (const column of columns) parameters.push((row as Record<string, unknown>)[column] ?? null);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

/**
 * Rows per statement: every batch's statements but its last of each table have this many rows, so there are few
 * texts to prepare (at most this many per table) and they stay prepared.
 */
const ROWS_PER_STATEMENT = 32;

const texts = new Map<string, string>();

function insertText(
  dialect: 'sqlite' | 'postgres',
  table: string,
  columns: readonly string[],
  count: number,
  onConflict: OnConflictUpdate | undefined,
): string {
  const key = `${dialect}\u0000${table}\u0000${columns.join(',')}\u0000${count}\u0000${onConflict?.key.join(',')}\u0000${onConflict?.update.join(',')}`;
  let text = texts.get(key);
  if (text !== undefined) return text;
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  let next = 0;
  const placeholder = dialect === 'postgres' ? () => `$${++next}` : () => '?';
  const values = Array.from({ length: count }, () => `(${columns.map(placeholder).join(', ')})`);
  text = `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${values.join(', ')}`;
  if (onConflict)
    text += ` on conflict (${onConflict.key.map(quoted).join(', ')}) do update set ${onConflict.update
      .map((column) => `${quoted(column)} = excluded.${quoted(column)}`)
      .join(', ')}`;
  // Bounded by what the projections write: a few tables, a few hundred row counts each.
  if (texts.size < 4_096) texts.set(key, text);
  return text;
}
