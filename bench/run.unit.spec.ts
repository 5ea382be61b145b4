import { planOf } from './run';

const known = ['store', 'ingest', 'deadlines', 'peer', 'soak'];

describe('npm run bench — the command line', () => {
  it('runs the named benchmarks in order, each once unless --runs says otherwise', () => {
    expect(planOf(['store', 'peer'], known)).toEqual({ names: ['store', 'peer'], runs: 1 });
    expect(planOf(['ingest', '--runs', '2'], known)).toEqual({ names: ['ingest'], runs: 2 });
  });

  it('takes "all" as every benchmark but the memory soak, each named once', () => {
    expect(planOf(['store', 'all'], known)).toEqual({
      names: ['store', 'ingest', 'deadlines', 'peer'],
      runs: 1,
    });
  });

  it('refuses an unknown name, a bad run count and an empty list, naming what is wrong', () => {
    expect(planOf(['stor'], known)).toEqual({ error: expect.stringContaining('no benchmark named "stor"') });
    expect(planOf(['store', '--runs', '0'], known)).toEqual({ error: expect.stringContaining('--runs') });
    expect(planOf(['store', '--runs'], known)).toEqual({ error: expect.stringContaining('got nothing') });
    expect(planOf([], known)).toEqual({ error: expect.stringContaining('name at least one') });
  });
});
