/**
 * The strings of Relay's UI Kit surfaces (issue panel, issue glance), en-US. Every string a
 * surface shows comes from here, so a translation is one new table and a test can look a message
 * up by key instead of copying prose. `{name}` placeholders are filled by `t()`.
 */
const enUS = {
  'surface.heading': 'Relay',
  'status.loading': 'Checking the connection to Relay…',
  'status.connected': 'Connected',
  'status.account': 'Signed in as {accountId}',
  'status.issue': 'Issue {issueKey}',
  'status.issueUnknown': 'Issue not known yet',
  'status.contract': 'Contract version {version}',
  'status.checked.one': 'Checked {count} time',
  'status.checked.other': 'Checked {count} times',
  'status.checkAgain': 'Check again',
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
