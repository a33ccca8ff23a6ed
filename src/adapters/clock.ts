import { randomUUID } from 'node:crypto';
import type { Clock, Ids } from '../ports';

/**
 * The platform's wall clock and id source, the one place Relay reads them: entry points (handlers)
 * hand these to the use cases, which never read `Date.now()` or make ids themselves (lint-enforced).
 * `now` reads the clock at each call, so a test that pins the platform's clock (test/support/app-clock.ts)
 * pins the app's too.
 */
export const systemClock: Clock = { now: () => Date.now() };

export const randomIds: Ids = { newId: () => randomUUID() };
