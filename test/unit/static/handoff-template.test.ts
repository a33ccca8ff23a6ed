import type { TemplateRecord } from '../../../src/contracts/handoff';
import { UpdateTemplateInput } from '../../../src/contracts/handoff';
import { DEFAULT_TEMPLATE } from '../../../src/domain/handoff';
import type { RequestJira } from '../../../static/src/settings/handoff/jira-lookups';
import { LookupError, people, projectIssueTypes, visibleProjects, withCurrent } from '../../../static/src/settings/handoff/jira-lookups';
import { formatDueDate } from '../../../static/src/settings/handoff/preview-format';
import {
  addLabels,
  addLine,
  checkTemplate,
  draftOf,
  formPath,
  insertPlaceholder,
  moveLine,
  removeLine,
  sameDraft,
  serverFieldErrors,
  splitLabels,
  unknownPlaceholders,
  updateLine,
} from '../../../static/src/settings/handoff/template-draft';

/** The hand-off template form's rules (static/src/settings/handoff/*.ts), without React or a browser. */
const saved: TemplateRecord = {
  projectKey: 'SALES',
  version: 3,
  configured: true,
  ...DEFAULT_TEMPLATE,
  targetProjectKey: 'DEL',
  assigneeAccountId: 'acc-dana',
  issueLanguage: 'de-DE',
};

describe('the hand-off template draft', () => {
  it('round-trips a saved template into exactly the save input the server accepts', () => {
    const checked = checkTemplate(draftOf(saved), 'SALES', saved.version);
    expect(checked.fields).toEqual({});
    expect(checked.input).toEqual({
      projectKey: 'SALES',
      version: 3,
      template: {
        enabled: true,
        targetProjectKey: 'DEL',
        issueTypeName: 'Epic',
        summaryTemplate: DEFAULT_TEMPLATE.summaryTemplate,
        assigneeAccountId: 'acc-dana',
        labels: ['relay-handoff'],
        dueInBusinessDays: 5,
        acceptWithinBusinessHours: 16,
        checklist: DEFAULT_TEMPLATE.checklist,
        includeContactEmails: false,
        issueLanguage: 'de-DE',
      },
    });
    expect(UpdateTemplateInput.safeParse(checked.input).success).toBe(true);
    expect(checkTemplate({ ...draftOf(saved), includeContactEmails: true }, 'SALES', 3).input?.template.includeContactEmails).toBe(true);
  });

  it('puts a message beside each invalid field and builds no input', () => {
    const draft = { ...draftOf(saved), summaryTemplate: '   ', dueInBusinessDays: 'soon', acceptWithinBusinessHours: '0', targetProjectKey: 'del' };
    const checked = checkTemplate(updateLine(draft, 1, ''), 'SALES', 3);
    expect(checked.input).toBeNull();
    expect(checked.fields).toEqual({
      summaryTemplate: 'A summary template of 1 to 255 characters.',
      dueInBusinessDays: 'A whole number of business days from 0 to 60.',
      acceptWithinBusinessHours: 'A whole number of business hours from 1 to 400.',
      targetProjectKey: 'Choose the Jira project that receives delivery work.',
      'checklist.1': 'A checklist line needs 1 to 255 characters.',
    });
  });

  it('refuses more than 400 SLA hours, a fractional day count and an eleventh label', () => {
    const many = Array.from({ length: 11 }, (_, i) => `l${i}`);
    const checked = checkTemplate({ ...draftOf(saved), acceptWithinBusinessHours: '401', dueInBusinessDays: '1.5', labels: many }, 'SALES', 3);
    expect(Object.keys(checked.fields).sort()).toEqual(['acceptWithinBusinessHours', 'dueInBusinessDays', 'labels']);
  });

  it('accepts the boundary values 0 days and 400 hours, and an empty checklist', () => {
    const checked = checkTemplate({ ...draftOf(saved), dueInBusinessDays: ' 0 ', acceptWithinBusinessHours: '400', checklist: [] }, 'SALES', 3);
    expect(checked.input?.template).toMatchObject({ dueInBusinessDays: 0, acceptWithinBusinessHours: 400, checklist: [] });
  });

  it('knows when the draft differs from what was saved, ignoring the lines’ own keys', () => {
    expect(sameDraft(draftOf(saved), draftOf(saved))).toBe(true);
    expect(sameDraft(draftOf(saved), { ...draftOf(saved), acceptWithinBusinessHours: '24' })).toBe(false);
    expect(sameDraft(draftOf(saved), moveLine(draftOf(saved), 0, 1))).toBe(false);
  });
});

describe('the checklist lines', () => {
  it('adds, edits, moves and removes lines, keeping each line’s key with its text', () => {
    let draft = addLine(draftOf(saved), 'Send the welcome pack');
    expect(draft.checklist.map((l) => l.text)).toEqual(['Kick-off call with the customer', 'Confirm scope and success criteria', 'Send the welcome pack']);
    const key = draft.checklist[2]?.key;
    draft = moveLine(draft, 2, -1);
    expect(draft.checklist.map((l) => l.text)).toEqual(['Kick-off call with the customer', 'Send the welcome pack', 'Confirm scope and success criteria']);
    expect(draft.checklist[1]?.key).toBe(key);
    draft = removeLine(updateLine(draft, 0, 'Kick-off'), 2);
    expect(draft.checklist.map((l) => l.text)).toEqual(['Kick-off', 'Send the welcome pack']);
    expect(new Set(draft.checklist.map((l) => l.key)).size).toBe(2);
  });

  it('does not move a line past either end', () => {
    const draft = draftOf(saved);
    expect(moveLine(draft, 0, -1)).toBe(draft);
    expect(moveLine(draft, 1, 1)).toBe(draft);
  });
});

describe('summary placeholders', () => {
  it('inserts at the caret with spaces around it, and puts the caret after it', () => {
    expect(insertPlaceholder('Deliver for', 7, 7, '{{deal.name}}')).toEqual({ text: 'Deliver {{deal.name}} for', caret: 21 });
    expect(insertPlaceholder('Deliver ', 8, 8, '{{deal.name}}')).toEqual({ text: 'Deliver {{deal.name}}', caret: 21 });
    expect(insertPlaceholder('', 0, 0, '{{company.name}}')).toEqual({ text: '{{company.name}}', caret: 16 });
  });

  it('replaces a selection, and clamps a caret beyond the text to its end', () => {
    expect(insertPlaceholder('Deliver NAME now', 8, 12, '{{deal.name}}').text).toBe('Deliver {{deal.name}} now');
    expect(insertPlaceholder('Go', 99, 120, '{{deal.amount}}')).toEqual({ text: 'Go {{deal.amount}}', caret: 18 });
  });

  it('names the placeholders the server would leave as typed', () => {
    expect(unknownPlaceholders('{{deal.name}} for {{ company.name }} by {{deal.owner}} {{deal.owner}} {{}}')).toEqual(['deal.owner', '']);
    expect(unknownPlaceholders('Deliver {{deal.name}} ({{deal.amount}}, {{deal.closeDate}})')).toEqual([]);
  });
});

describe('labels', () => {
  it('splits typed labels on spaces and commas and keeps each once', () => {
    expect(splitLabels(' a, b  c,,')).toEqual(['a', 'b', 'c']);
    expect(addLabels(['relay-handoff', 'a'], 'a new relay-handoff')).toEqual(['relay-handoff', 'a', 'new']);
  });
});

describe('server field errors', () => {
  it('shows the server’s messages under the template’s field names', () => {
    expect(formPath('template.targetProjectKey')).toBe('targetProjectKey');
    expect(formPath('version')).toBe('version');
    expect(
      serverFieldErrors([
        { path: 'template.targetProjectKey', message: 'No such project' },
        { path: 'template.checklist.2', message: 'Too long' },
        { path: 'template.targetProjectKey', message: 'second message' },
      ]),
    ).toEqual({ targetProjectKey: 'No such project', 'checklist.2': 'Too long' });
  });
});

/** A Jira stand-in for the lookups: answers by path, records what was asked. */
function jira(answers: Record<string, { status?: number; body: unknown }>): RequestJira & { asked: string[] } {
  const asked: string[] = [];
  const fn = async (path: string) => {
    asked.push(path);
    const answer = Object.entries(answers).find(([prefix]) => path.startsWith(prefix))?.[1];
    const status = answer?.status ?? (answer ? 200 : 404);
    return { ok: status < 300, status, json: async () => answer?.body ?? {} };
  };
  return Object.assign(fn, { asked });
}

describe('the Jira lookups behind the pickers', () => {
  it('pages through the visible projects until Jira says it is the last page', async () => {
    const page = (n: number, isLast: boolean) => ({ body: { values: Array.from({ length: n }, (_, i) => ({ key: `P${i}`, name: `Project ${i}`, id: String(i) })), isLast } });
    const requestJira = jira({ '/rest/api/3/project/search?orderBy=name&maxResults=50&startAt=0': page(50, false), '/rest/api/3/project/search?orderBy=name&maxResults=50&startAt=50': page(3, true) });
    const projects = await visibleProjects(requestJira);
    expect(projects).toHaveLength(53);
    expect(projects[0]).toEqual({ key: 'P0', name: 'Project 0' });
    expect(requestJira.asked).toHaveLength(2);
  });

  it('offers the target project’s issue types without sub-tasks', async () => {
    const requestJira = jira({ '/rest/api/3/project/DEL': { body: { key: 'DEL', issueTypes: [{ name: 'Epic' }, { name: 'Task', subtask: false }, { name: 'Subtask', subtask: true }] } } });
    expect(await projectIssueTypes(requestJira, 'DEL')).toEqual(['Epic', 'Task']);
  });

  it('lists active people (not apps) by name, and says which call failed when Jira refuses', async () => {
    const requestJira = jira({
      '/rest/api/3/users/search': {
        body: [
          { accountId: 'b', displayName: 'Omar', accountType: 'atlassian' },
          { accountId: 'app', displayName: 'Relay', accountType: 'app' },
          { accountId: 'gone', displayName: 'Former', active: false },
          { accountId: 'a', displayName: 'Dana' },
        ],
      },
    });
    expect(await people(requestJira)).toEqual([
      { accountId: 'a', displayName: 'Dana' },
      { accountId: 'b', displayName: 'Omar' },
    ]);
    await expect(visibleProjects(jira({ '/rest/api/3/project/search': { status: 403, body: {} } }))).rejects.toMatchObject({ name: 'LookupError', status: 403 });
    await expect(people(jira({ '/rest/api/3/users/search': { body: { not: 'a list' } } }))).rejects.toBeInstanceOf(LookupError);
  });

  it('keeps a saved value Jira no longer lists, first, so it is seen rather than dropped', () => {
    const options = [{ value: 'DEL' }, { value: 'CS' }];
    expect(withCurrent(options, 'OLD', (o) => o.value, (value) => ({ value })).map((o) => o.value)).toEqual(['OLD', 'DEL', 'CS']);
    expect(withCurrent(options, 'CS', (o) => o.value, (value) => ({ value }))).toBe(options);
    expect(withCurrent(options, null, (o) => o.value, (value) => ({ value }))).toBe(options);
  });
});

describe('the preview’s due date', () => {
  it('is the calendar date Jira stores, whatever the viewer’s zone', () => {
    expect(formatDueDate('2026-11-20', 'en-US')).toBe('Nov 20, 2026');
    expect(formatDueDate('2026-01-01', 'de-DE')).toBe('01.01.2026');
    expect(formatDueDate('soon', 'en-US')).toBe('soon');
  });
});
