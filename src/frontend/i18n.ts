/**
 * The strings of Relay's UI Kit surfaces (issue panel, issue glance), en-US. Every string a
 * surface shows comes from here, so a translation is one new table and a test can look a message
 * up by key instead of copying prose. `{name}` placeholders are filled by `t()`.
 */
const enUS = {
  'surface.loading': 'Loading the linked deal…',
  'deal.heading': 'Deal: {name}',
  'deal.project': 'CRM project {projectKey}',
  'deal.role.handoff': 'Delivery work for this deal',
  'deal.role.linked': 'Linked to this deal',
  'deal.role.expansion': 'Expansion flagged from this issue',
  'deal.company': 'Company: {name}',
  'deal.noCompany': 'No company on this deal',
  'deal.owner': 'Owner: {name}',
  'person.relay': 'Relay',
  'person.former': 'Former user',
  'deal.amount.recurring': 'ARR: {amount}',
  'deal.amount.once': 'Amount: {amount}',
  'deal.amount.none': 'No amount yet',
  'deal.companyArr': 'Company ARR: {amount}',
  'deal.contract': 'Contract: {start} to {end}',
  'deal.contacts': 'Contacts',
  'deal.noContacts': 'No contacts on this deal',
  'deal.scope': 'Scope',
  'deal.notSold': 'Not sold',
  'deal.successCriteria': 'Success criteria',
  'deal.notGiven': 'Not given',
  'hidden.message': 'This issue is linked to a deal in a project you cannot see.',
  'none.message': 'No deal linked to this issue.',
  'handoff.heading': 'Hand-off',
  'handoff.state.pending': 'Pending',
  'handoff.state.retrying': 'Retrying',
  'handoff.state.created': 'Awaiting acceptance',
  'handoff.state.accepted': 'Accepted',
  'handoff.state.delivered': 'Delivered',
  'handoff.state.error': 'Failed',
  'handoff.state.unlinked': 'Unlinked',
  'handoff.breached': 'SLA breached',
  'handoff.acceptWithin': 'Accept within {duration}',
  'handoff.overdue': 'Overdue by {duration}',
  'handoff.by': '{clock} · by {when}',
  'handoff.wasDue': '{clock} · was due {when}',
  'handoff.acceptedAt': 'Accepted {when}',
  'handoff.acceptedBy': 'Accepted by {name}, {when}',
  'handoff.deliveredAt': 'Delivered {when}',
  'handoff.lastError': 'Last error: {message}',
  'duration.minutes': '{count} min',
  'duration.hours': '{count} h',
  'duration.days': '{count} d',
  'action.accept': 'Accept hand-off',
  'action.unlink': 'Unlink',
  'action.flagExpansion': 'Flag expansion',
  'action.expansionName': 'Expansion name (optional)',
  'action.linkDeal': 'Link deal',
  'action.failed': 'That did not work',
  'expansion.created': 'Expansion deal created',
  'expansion.details': '“{name}” is open in {projectKey}, owned by the account owner.',
  'link.project': 'CRM project',
  'link.projectPlaceholder': 'Choose a project',
  'link.noProjects': 'You cannot browse any project to link a deal from.',
  'link.text': 'Deal name',
  'link.search': 'Search deals',
  'link.noMatches': 'No open deal in {projectKey} matches “{text}”.',
  'link.pick': 'Link to {name}',
  'link.matches.one': '{count} open deal matches',
  'link.matches.other': '{count} open deals match',
  'link.cancel': 'Cancel',
  'link.projectsFailed': 'Jira did not list your projects ({status}).',
  'glance.none': 'No deal linked',
  'glance.hidden': 'Deal in a project you cannot see',
  'glance.health.good': 'Health good',
  'glance.health.average': 'Health average',
  'glance.health.poor': 'Health poor',
  'glance.health.unknown': 'Health unknown',
  'glance.renews': 'Renews {date}',
  'glance.healthWhy': '{health}: {reasons}',
  'health.reason.overdue-issues.one': '1 overdue delivery issue',
  'health.reason.overdue-issues.other': '{count} overdue delivery issues',
  'health.reason.blocked-issues.one': '1 blocked issue',
  'health.reason.blocked-issues.other': '{count} blocked issues',
  'health.reason.open-bugs.one': '1 open bug',
  'health.reason.open-bugs.other': '{count} open bugs',
  'health.reason.handoff-breaches.one': '1 hand-off past its SLA',
  'health.reason.handoff-breaches.other': '{count} hand-offs past their SLA',
  'health.reason.inactive.one': 'last activity 1 day ago',
  'health.reason.inactive.other': 'last activity {count} days ago',
  'health.reason.no-activity.one': 'no activity logged in 1 day',
  'health.reason.no-activity.other': 'no activity logged in {count} days',
  'health.reason.renewal-soon.one': 'renewal in 1 day',
  'health.reason.renewal-soon.other': 'renewal in {count} days',
  'health.reason.renewal-overdue.one': 'renewal overdue by 1 day',
  'health.reason.renewal-overdue.other': 'renewal overdue by {count} days',
  'error.title': 'Relay could not answer',
  'error.code': 'Error code: {code}',
  'error.PLATFORM': 'Jira could not reach Relay. Check your connection and try again.',
  'error.CONTRACT': 'Relay answered in a shape this view does not understand. Reload the issue; if it persists, the app may be mid-upgrade.',
  'error.VALIDATION': 'Some values are not valid.',
  'error.NOT_FOUND': 'That item does not exist or you cannot see it.',
  'error.FORBIDDEN': 'You do not have permission to do that.',
  'error.CONFLICT': 'Someone else changed this in the meantime. Reload and try again.',
  'error.RATE_LIMITED': 'Relay is busy right now. Wait a moment and try again.',
  'error.INTERNAL': "Something went wrong on Relay's side. Try again.",
} as const;

export type MessageKey = keyof typeof enUS;
export type Messages = Record<MessageKey, string>;

export const messages: Record<'en-US', Messages> = { 'en-US': enUS };

export type MessageParams = Record<string, string | number>;

/**
 * The en-US message for `key` with its `{name}` placeholders filled. A placeholder without a value
 * is left visible rather than dropped, so a missing parameter shows up in review and in tests.
 */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return enUS[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The singular or plural form of a counted message (en-US has two forms: one, other). */
export function tCount(keys: { one: MessageKey; other: MessageKey }, count: number, params: MessageParams = {}): string {
  return t(count === 1 ? keys.one : keys.other, { ...params, count });
}
