import type { Access, Clock, Ids } from '../ports';

/** What every use case is given: who acts (and what Jira lets them do), the time and an id source. */
export interface UseCaseContext {
  access: Access;
  clock: Clock;
  ids: Ids;
}
