/**
 * Waits until `condition` holds (polled), failing with `what` after `ms`: for states reached asynchronously
 * (a runner noticing an outage). The bound only keeps a broken run from hanging; nothing is asserted on time.
 */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
