import type { JqlEnvironment, JqlIssue } from '../../sandbox/jira/jql/compile';
import { JqlValidationError, compileJql, textMatches } from '../../sandbox/jira/jql/compile';
import { evaluateDateFunction, parseAbsoluteDate, parsePeriod } from '../../sandbox/jira/jql/dates';
import { JqlSyntaxError } from '../../sandbox/jira/jql/lexer';
import { parseJql } from '../../sandbox/jira/jql/parser';

// Monday 2 November 2026, 09:00 UTC.
const NOW = Date.parse('2026-11-02T09:00:00.000Z');
const DAY = 86_400_000;

function issue(n: number, over: Partial<JqlIssue> = {}): JqlIssue {
  return {
    id: String(10000 + n),
    key: `DEL-${n}`,
    projectId: '10000',
    projectKey: 'DEL',
    number: n,
    issueTypeId: '10001',
    issueTypeName: 'Task',
    statusId: '10000',
    statusName: 'To Do',
    statusCategory: 'new',
    summary: `Task ${n}`,
    descriptionText: '',
    assigneeId: null,
    reporterId: 'alice',
    creatorId: 'alice',
    labels: [],
    duedate: null,
    created: NOW - n * DAY,
    updated: NOW - n * DAY,
    parentId: null,
    properties: {},
    ...over,
  };
}

const ISSUES: JqlIssue[] = [
  issue(1, { statusId: '3', statusName: 'In Progress', statusCategory: 'indeterminate', labels: ['crm', 'urgent'], assigneeId: 'alice', properties: { 'relay-deal': { dealId: 'd-1', amount: 500 } } }),
  issue(2, { statusId: '10001', statusName: 'Done', statusCategory: 'done', labels: ['crm'], summary: 'Onboarding the customer', properties: { 'relay-deal': { dealId: 'd-2', amount: 1500 } } }),
  issue(3, { issueTypeId: '10000', issueTypeName: 'Epic', assigneeId: 'bob', summary: 'Zebra epic' }),
  issue(4, { projectId: '10001', projectKey: 'CS', key: 'CS-1', number: 1, duedate: Date.UTC(2026, 10, 3) }),
];

const env: JqlEnvironment = {
  now: NOW,
  currentAccountId: 'alice',
  findProjects: (v) => ({ del: ['10000'], delivery: ['10000'], cs: ['10001'], '10000': ['10000'] })[v.toLowerCase()] ?? [],
  findIssue: (v) => ISSUES.find((i) => i.key === v.toUpperCase() || i.id === v)?.id,
  findStatuses: (v) => ({ 'to do': ['10000'], 'in progress': ['3'], done: ['10001'] })[v.toLowerCase()] ?? [],
  findIssueTypes: (v) => ({ task: ['10001'], epic: ['10000'] })[v.toLowerCase()] ?? [],
  userExists: (id) => ['alice', 'bob'].includes(id),
  aliasFor: (name) => (name.toLowerCase() === 'relaydealid' ? { propertyKey: 'relay-deal', path: 'dealId', type: 'string' } : undefined),
  indexFor: (key, path) => (key === 'relay-deal' && path === 'amount' ? 'number' : key === 'relay-deal' && path === 'dealId' ? 'string' : undefined),
};

function keys(jql: string): string[] {
  const compiled = compileJql(parseJql(jql), env);
  return ISSUES.filter((i) => compiled.matches(i))
    .sort(compiled.compare)
    .map((i) => i.key);
}

function errorOf(jql: string): string[] {
  try {
    compileJql(parseJql(jql), env);
  } catch (error) {
    if (error instanceof JqlSyntaxError) return [error.message];
    if (error instanceof JqlValidationError) return error.messages;
    throw error;
  }
  throw new Error(`'${jql}' compiled without an error`);
}

describe('JQL parser and compiler', () => {
  it('binds AND tighter than OR, and parentheses override it', () => {
    expect(keys('project = CS OR project = DEL AND labels = urgent ORDER BY key')).toEqual(['CS-1', 'DEL-1']);
    expect(keys('(project = CS OR project = DEL) AND labels = urgent')).toEqual(['DEL-1']);
    expect(keys('project = DEL AND NOT labels = crm')).toEqual(['DEL-3']);
    expect(keys('project = DEL && !(status = Done) ORDER BY key')).toEqual(['DEL-1', 'DEL-3']);
  });

  it('handles IN and NOT IN; negative operators never match empty fields', () => {
    expect(keys('status IN ("In Progress", Done) ORDER BY key ASC')).toEqual(['DEL-1', 'DEL-2']);
    expect(keys('assignee NOT IN (bob)')).toEqual(['DEL-1']);
    expect(keys('assignee IS EMPTY ORDER BY key')).toEqual(['CS-1', 'DEL-2']);
    expect(keys('assignee = currentUser()')).toEqual(['DEL-1']);
    expect(keys('labels != urgent')).toEqual(['DEL-2']);
  });

  it('orders by the ORDER BY keys, newest first by default', () => {
    expect(keys('project = DEL ORDER BY summary DESC')).toEqual(['DEL-3', 'DEL-1', 'DEL-2']);
    expect(keys('project in (DEL, CS) ORDER BY project ASC, key DESC')).toEqual(['CS-1', 'DEL-3', 'DEL-2', 'DEL-1']);
    expect(keys('project = DEL')).toEqual(['DEL-1', 'DEL-2', 'DEL-3']);
    expect(compileJql(parseJql('ORDER BY created'), env).bounded).toBe(false);
  });

  it('searches entity properties by alias and by issue.property[key].path', () => {
    expect(keys('relayDealId = d-2')).toEqual(['DEL-2']);
    expect(keys('issue.property[relay-deal].amount >= 1000')).toEqual(['DEL-2']);
    expect(keys('issue.property[relay-deal].amount < 1000')).toEqual(['DEL-1']);
    // A path no module indexes matches nothing, as in Jira.
    expect(keys('issue.property[relay-deal].owner = alice')).toEqual([]);
  });

  it('resolves date periods and functions against a fixed now', () => {
    expect(keys('created >= -2d ORDER BY key')).toEqual(['DEL-1', 'DEL-2']);
    // startOfDay(-2) is 31 October 00:00: DEL-3 (30 Oct 09:00) and CS-1 (29 Oct) are older.
    expect(keys('created < startOfDay(-2)')).toEqual(['DEL-3', 'CS-1']);
    expect(keys('duedate <= endOfDay(1d)')).toEqual(['CS-1']);
    expect(keys('created > "2026/10/31 10:00"')).toEqual(['DEL-1']);
    expect(evaluateDateFunction('startOfWeek', [], NOW)).toBe(Date.UTC(2026, 10, 1));
    expect(evaluateDateFunction('endOfMonth', [], NOW)).toBe(Date.UTC(2026, 11, 1) - 1);
    expect(evaluateDateFunction('startOfDay', ['-1'], NOW)).toBe(Date.UTC(2026, 10, 1));
    expect(parsePeriod('4w 2d')).toBe(30 * DAY);
    expect(parsePeriod('-30m')).toBe(-1_800_000);
    expect(parseAbsoluteDate('2026-02-31')).toBeUndefined();
  });

  it('matches text with ~: every word, light stemming, prefixes and phrases', () => {
    expect(keys('summary ~ onboard*')).toEqual(['DEL-2']);
    expect(keys('summary ~ "customers onboarding"')).toEqual(['DEL-2']);
    expect(textMatches('Onboarding the customer', '"the customer"')).toBe(true);
    expect(textMatches('Onboarding the customer', '"customer the"')).toBe(false);
  });

  it('reports syntax errors with Jira’s wording and position', () => {
    expect(errorOf('project = DEL AND')).toEqual(['Error in the JQL Query: Expecting a field name at the end of the query.']);
    expect(errorOf('project DEL')).toEqual([
      "Error in the JQL Query: Expecting operator but got 'DEL'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)",
    ]);
    expect(errorOf('summary ~ "open')).toEqual(["Error in the JQL Query: The quoted string 'open' has not been completed. (line 1, character 11)"]);
    expect(errorOf('status in Done')).toEqual(["Error in the JQL Query: Expecting '(' but got 'Done'. (line 1, character 11)"]);
  });

  it('reports unknown fields, values and functions as Jira does, all at once', () => {
    expect(errorOf('colour = red AND project = NOPE AND created > someday()')).toEqual([
      "Field 'colour' does not exist or you do not have permission to view it.",
      "The value 'NOPE' does not exist for the field 'project'.",
      "Unable to find JQL function 'someday()'.",
    ]);
    expect(errorOf('summary = "x"')).toEqual(["The operator '=' is not supported by the 'summary' field."]);
    expect(errorOf('key = DEL-99')).toEqual(["An issue with key 'DEL-99' does not exist for field 'key'."]);
    expect(errorOf('project = DEL ORDER BY colour')).toEqual(["Not able to sort using field 'colour'."]);
  });
});
