/**
 * class-validator works out a class's validation metadata again on every validation: it scans every class it
 * knows (an `instanceof` each, for inherited decorators), filters, concatenates and groups by property — the
 * largest allocation of a POST /facts and the same answer each time, since decorators are applied when a class is
 * defined. Kept here per class (and per the options that change the answer) until metadata is added again.
 */
import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadata = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const keeping = new WeakSet<Storage>();

/** Makes `storage` (class-validator's, process-wide) keep what it works out; idempotent. */
export function keepValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (keeping.has(storage)) return;
  keeping.add(storage);
  const workOut = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let kept = new Map<unknown, Map<string, Metadata>>();
  let grouped = new WeakMap<Metadata, Grouped>();
  storage.addValidationMetadata = (metadata) => {
    // A decorator applied after a validation (a class defined later) changes what that class's answer may be.
    kept = new Map();
    grouped = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = kept.get(target);
    if (!byOptions) kept.set(target, (byOptions = new Map()));
    let metadata = byOptions.get(key);
    if (!metadata) byOptions.set(key, (metadata = workOut(target, schema, always, strictGroups, groups)));
    return metadata;
  };
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) grouped.set(metadata, (byProperty = group(metadata)));
    return byProperty;
  };
}
