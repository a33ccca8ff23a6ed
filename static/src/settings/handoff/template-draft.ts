import type { z } from 'zod';
import type { FieldError } from '../../../../src/contracts/envelope';
import type { TemplateRecord } from '../../../../src/contracts/handoff';
import { UpdateTemplateInput } from '../../../../src/contracts/handoff';
import { PLACEHOLDER_NAMES } from '../../../../src/domain/delivery-issue';
import type { HandoffTemplate } from '../../../../src/domain/handoff';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import '../../lib/areas/settings';

/**
 * The hand-off template form's state and rules, kept apart from React so they are unit-tested.
 * Numbers stay the text the admin typed until the form is checked; checklist lines carry a stable
 * key so React keeps focus on the right input while lines move. Checking turns the draft into the
 * exact `handoff/save-template` input, validated with the shared `UpdateTemplateInput` schema, or
 * into one message per field keyed by the field's path inside the template (`summaryTemplate`,
 * `checklist.2`): the same paths the server's VALIDATION names, minus its `template.` prefix.
 */
export interface ChecklistLine {
  key: string;
  text: string;
}

/** The template as the form holds it (src/domain/handoff.ts `HandoffTemplate`): numbers as typed, checklist lines keyed. */
export type TemplateDraft = Omit<HandoffTemplate, 'dueInBusinessDays' | 'acceptWithinBusinessHours' | 'checklist'> & {
  dueInBusinessDays: string;
  acceptWithinBusinessHours: string;
  checklist: ChecklistLine[];
};

export type SaveTemplateInput = z.infer<typeof UpdateTemplateInput>;

export interface CheckedTemplate {
  input: SaveTemplateInput | null;
  fields: Record<string, string>;
}

/** The placeholders the server fills in a summary (src/domain/delivery-issue.ts `fillTemplate`). */
export const PLACEHOLDERS = PLACEHOLDER_NAMES.map((name) => `{{${name}}}`);

/** Issue types offered when Jira cannot tell which ones the target project has. */
export const FALLBACK_ISSUE_TYPES = ['Epic', 'Task', 'Story'] as const;

let lineKeys = 0;
function lineKey(): string {
  lineKeys += 1;
  return `line-${lineKeys}`;
}

export function draftOf(record: TemplateRecord): TemplateDraft {
  return {
    enabled: record.enabled,
    targetProjectKey: record.targetProjectKey,
    issueTypeName: record.issueTypeName,
    summaryTemplate: record.summaryTemplate,
    assigneeAccountId: record.assigneeAccountId,
    labels: [...record.labels],
    dueInBusinessDays: String(record.dueInBusinessDays),
    acceptWithinBusinessHours: String(record.acceptWithinBusinessHours),
    checklist: record.checklist.map((text) => ({ key: lineKey(), text })),
    includeContactEmails: record.includeContactEmails,
    issueLanguage: record.issueLanguage,
  };
}

/** Equal in everything the admin can change (checklist keys aside): drives "unsaved changes". */
export function sameDraft(a: TemplateDraft, b: TemplateDraft): boolean {
  const plain = (d: TemplateDraft) => JSON.stringify({ ...d, checklist: d.checklist.map((line) => line.text) });
  return plain(a) === plain(b);
}

// ------------------------------------------------------------------ checklist

export function addLine(draft: TemplateDraft, text = ''): TemplateDraft {
  return { ...draft, checklist: [...draft.checklist, { key: lineKey(), text }] };
}

export function removeLine(draft: TemplateDraft, index: number): TemplateDraft {
  return { ...draft, checklist: draft.checklist.filter((_, i) => i !== index) };
}

export function updateLine(draft: TemplateDraft, index: number, text: string): TemplateDraft {
  return { ...draft, checklist: draft.checklist.map((line, i) => (i === index ? { ...line, text } : line)) };
}

/** Moves a line one place up (-1) or down (+1); a move past either end changes nothing. */
export function moveLine(draft: TemplateDraft, index: number, by: -1 | 1): TemplateDraft {
  const to = index + by;
  const line = draft.checklist[index];
  if (!line || to < 0 || to >= draft.checklist.length) return draft;
  const checklist = draft.checklist.filter((_, i) => i !== index);
  checklist.splice(to, 0, line);
  return { ...draft, checklist };
}

// ------------------------------------------------------------------ summary placeholders

/**
 * Puts a placeholder where the caret is (replacing a selection), with a space on either side when
 * it would otherwise run into a word, and says where the caret goes next.
 */
export function insertPlaceholder(text: string, start: number, end: number, placeholder: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  const before = text.slice(0, from);
  const after = text.slice(to);
  const lead = before.length > 0 && !/\s$/.test(before) ? ' ' : '';
  const trail = after.length > 0 && !/^\s/.test(after) ? ' ' : '';
  const inserted = `${lead}${placeholder}${trail}`;
  return { text: `${before}${inserted}${after}`, caret: before.length + lead.length + placeholder.length };
}

/** The placeholders a summary uses that the server does not know (they would stay as typed). */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(PLACEHOLDERS.map((p) => p.slice(2, -2)));
  const found = [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1] ?? '');
  return [...new Set(found.filter((name) => !known.has(name)))];
}

// ------------------------------------------------------------------ labels

/** Labels typed into the picker: Jira labels have no spaces, so a space or comma separates them. */
export function splitLabels(typed: string): string[] {
  return typed.split(/[\s,]+/).filter((label) => label.length > 0);
}

export function addLabels(labels: readonly string[], typed: string): string[] {
  return [...new Set([...labels, ...splitLabels(typed)])];
}

// ------------------------------------------------------------------ checking

const FIELD_MESSAGES: Record<string, MessageKey> = {
  targetProjectKey: 'settings.handoff.error.project',
  issueTypeName: 'settings.handoff.error.issueType',
  summaryTemplate: 'settings.handoff.error.summary',
  assigneeAccountId: 'settings.handoff.error.assignee',
  labels: 'settings.handoff.error.labelCount',
  dueInBusinessDays: 'settings.handoff.error.dueDays',
  acceptWithinBusinessHours: 'settings.handoff.error.slaHours',
  checklist: 'settings.handoff.error.checklistCount',
};

/** The form's sentence for a schema path inside the template (`labels.3` → the per-label message). */
function messageFor(path: string): string {
  const [field, index] = path.split('.');
  if (index !== undefined && field === 'labels') return t('settings.handoff.error.label');
  if (index !== undefined && field === 'checklist') return t('settings.handoff.error.line');
  const key = FIELD_MESSAGES[field ?? ''];
  return key ? t(key) : t('settings.handoff.error.field');
}

/** Turns a typed whole number into a number, or NaN when it is not one. */
function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text.trim()) : Number.NaN;
}

/**
 * A server field path (`template.checklist.1`) as the form's key (`checklist.1`); paths outside
 * the template (`version`, `projectKey`) stay as they are and show with the form's general error.
 */
export function formPath(serverPath: string): string {
  return serverPath.startsWith('template.') ? serverPath.slice('template.'.length) : serverPath;
}

/** Server messages by form key: the server's own words, beside the field they name. */
export function serverFieldErrors(errors: readonly FieldError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { path, message } of errors) fields[formPath(path)] ??= message;
  return fields;
}

/** Checks the draft exactly as `handoff/save-template` will and builds its input. */
export function checkTemplate(draft: TemplateDraft, projectKey: string, version: number): CheckedTemplate {
  const candidate = {
    projectKey,
    version,
    template: {
      enabled: draft.enabled,
      targetProjectKey: draft.targetProjectKey,
      issueTypeName: draft.issueTypeName.trim(),
      summaryTemplate: draft.summaryTemplate,
      assigneeAccountId: draft.assigneeAccountId,
      labels: draft.labels,
      dueInBusinessDays: wholeNumber(draft.dueInBusinessDays),
      acceptWithinBusinessHours: wholeNumber(draft.acceptWithinBusinessHours),
      checklist: draft.checklist.map((line) => line.text),
      includeContactEmails: draft.includeContactEmails,
      issueLanguage: draft.issueLanguage,
    },
  };
  const parsed = UpdateTemplateInput.safeParse(candidate);
  if (parsed.success) return { input: parsed.data, fields: {} };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const inTemplate = issue.path[0] === 'template';
    const path = (inTemplate ? issue.path.slice(1) : issue.path).map(String).join('.');
    fields[path || 'template'] ??= inTemplate ? messageFor(path) : issue.message;
  }
  return { input: null, fields };
}
