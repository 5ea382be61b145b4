/**
 * An import's bytes split into lines, each held to what the single endpoint holds its body to: at most its body
 * limit, and valid UTF-8. Split on the bytes (not on decoded text, as readline does) so a line far over the limit
 * is counted and dropped as it arrives, never held whole, and so each line's bytes are checked before decoding
 * (decoding first would turn invalid bytes into U+FFFD and store that as if the client had sent it).
 */
import { isUtf8 } from 'node:buffer';
import { BODY_LIMIT_BYTES } from '../common/body-limits';

/** A line that was not read as text: what it broke. Nothing of it is kept. */
export interface UnreadableLine {
  unreadable: 'too-long' | 'invalid-utf8';
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The lines of `chunks` (newline-delimited; a CR before the LF is not part of the line), each as text or as the
 * reason it is unreadable. A last line without its newline counts; an empty end does not, as with readline.
 */
export async function* importLines(
  chunks: AsyncIterable<Buffer | string>,
  maxBytes = BODY_LIMIT_BYTES,
): AsyncGenerator<string | UnreadableLine> {
  const line = new LineBytes(maxBytes);
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let end = bytes.indexOf(LF); end !== -1; end = bytes.indexOf(LF, start)) {
      line.add(bytes.subarray(start, end));
      yield line.take();
      start = end + 1;
    }
    line.add(bytes.subarray(start));
  }
  if (!line.empty) yield line.take();
}

/** The bytes of the line being read, until it is longer than the limit: then only that it is. */
class LineBytes {
  private parts: Buffer[] = [];
  private length = 0;
  private tooLong = false;

  constructor(private readonly maxBytes: number) {}

  get empty(): boolean {
    return this.length === 0 && !this.tooLong;
  }

  add(part: Buffer): void {
    if (part.length === 0 || this.tooLong) return;
    // One byte of leeway: the line's CR, if it ends in one, is not counted.
    if (this.length + part.length > this.maxBytes + 1) {
      [this.parts, this.length, this.tooLong] = [[], 0, true];
      return;
    }
    this.parts.push(part);
    this.length += part.length;
  }

  take(): string | UnreadableLine {
    const tooLong = this.tooLong;
    let bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.length);
    [this.parts, this.length, this.tooLong] = [[], 0, false];
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    if (tooLong || bytes.length > this.maxBytes) return { unreadable: 'too-long' };
    if (!isUtf8(bytes)) return { unreadable: 'invalid-utf8' };
    return bytes.toString('utf8');
  }
}
