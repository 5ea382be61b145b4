import { importArguments } from './import.cli';

describe('npm run import: its arguments', () => {
  it('names the file and imports as the caseworker system the options name', () => {
    expect(importArguments(['facts.ndjson', '--org', 'akasse-3f', '--kind', 'akasse'])).toEqual({
      file: 'facts.ndjson',
      caller: {
        role: 'integration',
        organisation: 'akasse-3f',
        organisationKind: 'akasse',
        user: 'import-cli',
        purpose: null,
        jobOrderId: null,
        endpoint: 'CLI import',
      },
    });
  });

  it.each([
    [['--org', 'akasse-3f', '--kind', 'akasse'], 'name one file'],
    [['a.ndjson', '--org', 'akasse-3f', '--kind', 'union'], '"org_kind" claim: "akasse" or "jobcenter"'],
    [['a.ndjson', '--kind', 'akasse'], 'no valid "org" claim'],
    [['a.ndjson', '--org', 'akasse-3f', '--kind', 'akasse', '--role', 'auditor'], 'unknown option --role'],
  ])('refuses %j, saying why', (argv, reason) => {
    const parsed = importArguments(argv);
    expect('reason' in parsed && parsed.reason).toContain(reason);
  });
});
