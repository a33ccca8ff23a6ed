import type { ManualClock } from '../../sandbox';
import { adapters } from '../../src/handlers/compose';
import { bindPorts } from '../../src/ports/registry';

/**
 * The app's clock pinned to the test's ManualClock, through the composition root: the app reads
 * time only from its Clock port (src/ports/registry.ts `platformClock`), so the test binds the ports
 * with the sandbox's clock instead of faking the global `Date`. Bound before the app loads, the
 * binding stays (compose() binds only once). `now` is the time the app sees (a test reads it, never
 * `Date.now()`); `advance` moves the one clock both see; `restore`
 * binds the platform's wall clock again.
 */
export function pinAppClock(clock: ManualClock): { now(): number; advance(ms: number): void; restore(): void } {
  bindPorts({ ...adapters, platformClock: { now: () => clock.now() } });
  return {
    now: () => clock.now(),
    advance(ms) {
      clock.advance(ms);
    },
    restore() {
      bindPorts(adapters);
    },
  };
}
