import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './event-log';

/** EventStoreDB's default search window when the client asks for none. */
const DEFAULT_WINDOW = 32;

export interface EventFilter {
  matches(event: StoredEvent): boolean;
  /** A checkpoint is sent every this many events *examined*, matched or not. */
  checkpointInterval: number;
}

export function compileFilter(options: ReadReq.Options.FilterOptions): EventFilter {
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier() : options.getEventType();
  const regex = expression?.getRegex();
  const prefixes = expression?.getPrefixList() ?? [];
  const pick = onStream ? (e: StoredEvent) => e.streamName : (e: StoredEvent) => e.type;
  let test: (value: string) => boolean;
  if (regex) {
    const compiled = new RegExp(regex);
    test = (value) => compiled.test(value);
  } else if (prefixes.length > 0) {
    test = (value) => prefixes.some((prefix) => value.startsWith(prefix));
  } else {
    test = () => true;
  }
  const window = options.hasMax() && options.getMax() > 0 ? options.getMax() : DEFAULT_WINDOW;
  const multiplier = Math.max(1, options.getCheckpointintervalmultiplier());
  return { matches: (event) => test(pick(event)), checkpointInterval: window * multiplier };
}
