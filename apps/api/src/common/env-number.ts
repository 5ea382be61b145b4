/**
 * A number setting from the environment: its default when unset or empty, else a finite number ≥ `min`;
 * anything else stops the start with a message naming the variable and what it must be.
 */
export function numberFromEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  { min = 0, unit }: { min?: number; unit: string },
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new RangeError(`${name} must be a number of ${unit} ≥ ${min}, got "${raw}"`);
  return value;
}
