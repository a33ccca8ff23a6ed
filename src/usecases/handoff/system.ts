import type { Access, Clock, Ids } from '../../ports';
import type { UseCaseContext } from '../context';

/** Who the timeline names for changes Relay makes itself (jobs, triggers, scans). */
export const SYSTEM_ACTOR = 'relay';

const noUserAccess: Access = {
  accountId: SYSTEM_ACTOR,
  projectByKey: () => Promise.reject(new Error('Background work has no user to ask Jira about')),
  projectById: () => Promise.reject(new Error('Background work has no user to ask Jira about')),
  can: () => Promise.reject(new Error('Background work has no user to ask Jira about')),
  canEditAnywhere: () => Promise.reject(new Error('Background work has no user to ask Jira about')),
  canBrowseAnywhere: () => Promise.reject(new Error('Background work has no user to ask Jira about')),
  grantedAmong: () => Promise.reject(new Error('Background work has no user to ask Jira about')),
  isSiteAdmin: () => Promise.reject(new Error('Background work has no user to ask Jira about')),
  people: () => Promise.reject(new Error('Background work has no user to ask Jira about')),
  projectAdmins: () => Promise.reject(new Error('Background work has no user to ask Jira about')),
};

/**
 * The context of work no user started (queue jobs, triggers, scheduled scans): it writes as Relay and
 * can never pass a permission check, so a background path cannot reach a user-facing use case by mistake.
 */
export function systemContext(clock: Clock, ids: Ids): UseCaseContext {
  return { access: noUserAccess, clock, ids, dealUrl: () => '' };
}
