import { importLines } from './import-lines';

const linesOf = async (chunks: Array<Buffer | string>, maxBytes?: number) => {
  const lines: unknown[] = [];
  for await (const line of importLines(
    (async function* () {
      yield* chunks;
    })(),
    maxBytes,
  ))
    lines.push(line);
  return lines;
};

describe('an import’s lines, read from its bytes', () => {
  it('splits on LF, drops the CR of a CRLF, and keeps a last line without its newline', async () => {
    expect(await linesOf(['{"a":1}\r\n{"b"', ':2}\n\n{"c":3}'])).toEqual([
      '{"a":1}',
      '{"b":2}',
      '',
      '{"c":3}',
    ]);
    expect(await linesOf(['{"a":1}\n'])).toEqual(['{"a":1}']);
  });

  it('decodes a character whose bytes arrive in two chunks', async () => {
    const bytes = Buffer.from('"Søren"');
    expect(await linesOf([bytes.subarray(0, 3), bytes.subarray(3)])).toEqual(['"Søren"']);
  });

  it('takes a line of exactly the limit, CR or not, and refuses one byte more', async () => {
    expect(await linesOf(['x'.repeat(8), '\r\n', 'x'.repeat(8), '\n'], 8)).toEqual(['xxxxxxxx', 'xxxxxxxx']);
    expect(await linesOf(['x'.repeat(9), '\nok'], 8)).toEqual([{ unreadable: 'too-long' }, 'ok']);
  });

  it('refuses a line of many chunks over the limit as too long, and reads on', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const lines = await linesOf([...Array.from({ length: 64 }, () => chunk), '\n{"next":1}\n']);
    expect(lines).toEqual([{ unreadable: 'too-long' }, '{"next":1}']);
  });

  it('refuses a line with bytes no UTF-8 has (a lone continuation byte, an overlong form, a surrogate)', async () => {
    for (const bad of [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80]])
      expect(await linesOf([Buffer.from([0x22, ...bad, 0x22, 0x0a]), 'ok'])).toEqual([
        { unreadable: 'invalid-utf8' },
        'ok',
      ]);
  });
});
