import { afterAll, beforeAll } from 'vitest';
import { type Harness, type HarnessOverrides, startHarness } from '../harness.js';
import { startMediaOrigin } from '../media-origin.js';

/** The local media origin URL imports download from. */
export type MediaOrigin = Awaited<ReturnType<typeof startMediaOrigin>>;

/**
 * A harness whose policy lets URL imports reach a local media origin (and whose sandbox may fetch
 * from it), for the suites that import links. `policy` is merged with the origin's `allowHosts`.
 */
export async function startHarnessWithOrigin(
  policy: NonNullable<HarnessOverrides['policy']> = {},
): Promise<{ h: Harness; origin: MediaOrigin }> {
  const origin = await startMediaOrigin();
  const h = await startHarness({ policy: { ...policy, urlImport: { allowHosts: [origin.host] } } });
  h.sandbox.allowImportHost(origin.host);
  return { h, origin };
}

/** Closes what a suite started, in order; a part that never started is skipped. */
export async function closeAll(...parts: Array<{ close(): Promise<void> } | undefined>): Promise<void> {
  for (const part of parts) await part?.close();
}

/**
 * Registers a suite's `beforeAll` (start a harness with a media origin, hand both to `assign`) and
 * `afterAll` (close them), so the suites that import links set up in one line.
 */
export function useHarnessWithOrigin(
  policy: NonNullable<HarnessOverrides['policy']>,
  assign: (started: { h: Harness; origin: MediaOrigin }) => void,
): void {
  let started: { h: Harness; origin: MediaOrigin } | undefined;
  beforeAll(async () => {
    started = await startHarnessWithOrigin(policy);
    assign(started);
  });
  afterAll(() => closeAll(started?.h, started?.origin));
}
