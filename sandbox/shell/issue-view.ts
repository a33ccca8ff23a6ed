import type { JiraAnswer } from './jira-as-user';
import { jiraAsUser, jiraErrorText } from './jira-as-user';
import type { ShellAnswer, ShellApiDeps } from './shell-api';
import { knownUser, refused, required } from './shell-api';

/**
 * The issue view's data, read from Jira as the signed-in user: the issue with the details Jira's
 * issue view shows beside it (assignee, reporter, labels, due date, parent), its description as
 * blocks of text, its child issues and the transitions the user may make.
 */
interface AdfNode {
  type?: string;
  text?: string;
  attrs?: { level?: number };
  content?: AdfNode[];
}

export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'item';
  text: string;
}

function inline(node: AdfNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(inline).join('');
}

/** An Atlassian Document as headings, paragraphs and list items of plain text (no markup reaches the page). */
export function adfBlocks(doc: unknown): TextBlock[] {
  const blocks: TextBlock[] = [];
  const walk = (node: AdfNode) => {
    switch (node.type) {
      case 'heading':
        blocks.push({ kind: 'heading', text: inline(node) });
        return;
      case 'paragraph':
        if (inline(node).trim() !== '') blocks.push({ kind: 'paragraph', text: inline(node) });
        return;
      case 'listItem':
        blocks.push({ kind: 'item', text: (node.content ?? []).map(inline).join(' ') });
        return;
      default:
        for (const child of node.content ?? []) walk(child);
    }
  };
  if (doc && typeof doc === 'object') walk(doc as AdfNode);
  return blocks;
}

interface IssueFields {
  summary?: string;
  status?: { name?: string; statusCategory?: { key?: string } };
  issuetype?: { name?: string };
  project?: { id?: string; key?: string };
  assignee?: { displayName?: string } | null;
  reporter?: { displayName?: string } | null;
  labels?: string[];
  duedate?: string | null;
  description?: unknown;
  parent?: { key?: string; fields?: { summary?: string } } | null;
}

export async function viewIssue(deps: ShellApiDeps, query: URLSearchParams): Promise<ShellAnswer> {
  const accountId = knownUser(deps, required(query.get('accountId'), 'accountId'));
  const key = required(query.get('issueKey'), 'issueKey');
  const path = `/rest/api/3/issue/${encodeURIComponent(key)}`;
  const jira = deps.sandbox.jira;
  const issue = await jiraAsUser(jira, accountId, 'GET', `${path}?fields=summary,status,issuetype,project,assignee,reporter,labels,duedate,description,parent`);
  if (issue.status !== 200) return refused(issue);
  const [transitions, children] = await Promise.all([
    jiraAsUser(jira, accountId, 'GET', `${path}/transitions`),
    jiraAsUser(jira, accountId, 'POST', '/rest/api/3/search/jql', { jql: `parent = "${key.replace(/"/g, '')}" ORDER BY created ASC`, fields: ['summary', 'status'], maxResults: 50 }),
  ]);
  const raw = issue.body as { id: string; key: string; fields?: IssueFields };
  const f = raw.fields ?? {};
  const list = transitions.status === 200 ? ((transitions.body as { transitions?: Array<{ id: string; name: string; to?: { name?: string } }> }).transitions ?? []) : [];
  return {
    status: 200,
    body: {
      ok: true,
      issue: {
        id: raw.id,
        projectId: f.project?.id ?? null,
        key: raw.key,
        summary: f.summary ?? '',
        status: f.status?.name ?? '',
        statusCategory: f.status?.statusCategory?.key ?? '',
        issueType: f.issuetype?.name ?? '',
        projectKey: f.project?.key ?? '',
        assignee: f.assignee?.displayName ?? null,
        reporter: f.reporter?.displayName ?? null,
        labels: f.labels ?? [],
        dueDate: f.duedate ?? null,
        parent: f.parent?.key ? { key: f.parent.key, summary: f.parent.fields?.summary ?? '' } : null,
        description: adfBlocks(f.description),
      },
      children: childIssues(children),
      transitions: list.map((t) => ({ id: t.id, name: t.name, to: t.to?.name ?? t.name })),
      transitionsError: transitions.status === 200 ? null : jiraErrorText(transitions),
    },
  };
}

function childIssues(answer: JiraAnswer): Array<{ key: string; summary: string; status: string; statusCategory: string }> {
  if (answer.status !== 200) return [];
  return ((answer.body as { issues?: Array<{ key: string; fields?: IssueFields }> }).issues ?? []).map((child) => ({
    key: child.key,
    summary: child.fields?.summary ?? '',
    status: child.fields?.status?.name ?? '',
    statusCategory: child.fields?.status?.statusCategory?.key ?? '',
  }));
}
