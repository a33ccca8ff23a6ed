import type { ManualClock } from '../../sandbox';

/**
 * The platform's wall clock, as the app sees it (`Date.now()`, `new Date()`), pinned to the test's
 * ManualClock: jest fakes only `Date` (timers, microtasks and performance stay real, so the platform's
 * time limits and the queue keep working). Call `advance` to move both clocks together.
 */
export function pinAppClock(clock: ManualClock): { advance(ms: number): void; restore(): void } {
  jest.useFakeTimers({
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    now: clock.now(),
  });
  return {
    advance(ms) {
      clock.advance(ms);
      jest.setSystemTime(clock.now());
    },
    restore() {
      jest.useRealTimers();
    },
  };
}
