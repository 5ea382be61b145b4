import { sql, type Kysely } from 'kysely';
import { READ_MODEL_DIALECTS, testReadModels, type TestReadModels } from '../../../test/support/read-models';
import { insertRows } from './insert-rows';

interface Row {
  id: string;
  n: number | null;
  note: string | null;
}

describe.each(READ_MODEL_DIALECTS)('insertRows, read model in %s', (dialect) => {
  let readModels: TestReadModels;
  let db: Kysely<{ items: Row }>;
  beforeAll(async () => {
    readModels = await testReadModels(dialect);
    db = readModels.open('insert_rows');
    await db.schema
      .createTable('items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('n', 'integer')
      .addColumn('note', 'text')
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    await readModels.drop();
  });

  const all = async () =>
    (await sql<Row>`SELECT id, n, note FROM items ORDER BY id`.execute(db)).rows.map((r) => ({
      ...r,
      n: r.n === null ? null : Number(r.n),
    }));
  const rows = (count: number, n: number): Row[] =>
    Array.from({ length: count }, (_, i) => ({ id: `item-${String(i).padStart(3, '0')}`, n, note: null }));

  it('inserts every row, over several statements, undefined written as NULL', async () => {
    await insertRows<Row>(
      db,
      'items',
      ['id', 'n', 'note'],
      [...rows(69, 1), { id: 'z', n: undefined!, note: 'x' }],
    );
    const stored = await all();
    expect(stored).toHaveLength(70);
    expect(stored.slice(0, 2)).toEqual([
      { id: 'item-000', n: 1, note: null },
      { id: 'item-001', n: 1, note: null },
    ]);
    expect(stored[69]).toEqual({ id: 'z', n: null, note: 'x' });
  });

  it('updates the columns it is told to on a taken key, and only those', async () => {
    const changed = rows(40, 2).map((r) => ({ ...r, note: 'changed' }));
    await insertRows<Row>(db, 'items', ['id', 'n', 'note'], changed, { key: ['id'], update: ['n'] });
    const stored = await all();
    expect(stored).toHaveLength(70);
    expect(stored.filter((r) => r.n === 2)).toHaveLength(40);
    expect(stored.filter((r) => r.note === 'changed')).toEqual([]);
    expect(stored[40]).toEqual({ id: 'item-040', n: 1, note: null });
  });
});
