import type { DealRecord } from '../../../../src/contracts/deal';
import { UpdateDealInput } from '../../../../src/contracts/deal';
import { SEGMENTS } from '../../../../src/domain/company';
import type { CriteriaField, Stage } from '../../../../src/domain/pipeline';
import { criteriaSourcesForMove } from '../../../../src/domain/deal';
import { CRITERIA_FIELDS } from '../../../../src/domain/pipeline';
import { issueText } from '../../lib/field-messages';
import { t } from '../../lib/i18n';
import { amountFromText } from '../records/forms';

/**
 * The form a refused stage move opens: one typed input per missing exit-criteria field, and the
 * `deals/update` changes the answers make, checked with the shared contract (UpdateDealInput) so
 * the form refuses exactly what the server would, beside the field at fault.
 */
export type InputKind = 'money' | 'date' | 'text' | 'longText' | 'segment' | 'company' | 'contacts';

export const INPUT_KIND: Record<CriteriaField, InputKind> = {
  amount: 'money',
  closeDate: 'date',
  companyId: 'company',
  contacts: 'contacts',
  nextStep: 'text',
  nextStepDue: 'date',
  source: 'text',
  segment: 'segment',
  contractStart: 'date',
  contractEnd: 'date',
  scope: 'longText',
  notSold: 'longText',
  stakeholders: 'longText',
  successCriteria: 'longText',
};

/** The deal field (in `changes`) each criteria field writes. */
const CHANGE_KEY: Record<CriteriaField, string> = {
  amount: 'amountMinor',
  closeDate: 'closeDate',
  companyId: 'companyId',
  contacts: 'contactIds',
  nextStep: 'nextStep',
  nextStepDue: 'nextStepDue',
  source: 'source',
  segment: 'segment',
  contractStart: 'contractStart',
  contractEnd: 'contractEnd',
  scope: 'scope',
  notSold: 'notSold',
  stakeholders: 'stakeholders',
  successCriteria: 'successCriteria',
};

export type CriteriaValues = Partial<Record<CriteriaField, string | string[]>>;

export type FieldProblem = { kind: 'required' } | { kind: 'invalid'; message: string };

/** Keeps only known criteria fields from a server answer, in the pipeline's own field order. */
export function missingFieldsOf(details: Record<string, unknown>): CriteriaField[] {
  const missing = Array.isArray(details.missing) ? details.missing : [];
  return CRITERIA_FIELDS.filter((field) => missing.includes(field));
}

export function isSegment(value: string): value is (typeof SEGMENTS)[number] {
  return (SEGMENTS as readonly string[]).includes(value);
}

/**
 * The update the answers make, or the problems per field. Blank answers are refused (the move
 * needs every one of them); an amount must be positive, as the exit criteria count only a positive
 * amount as filled in.
 */
export function criteriaChanges(
  deal: Pick<DealRecord, 'id' | 'version' | 'currency'>,
  missing: readonly CriteriaField[],
  values: CriteriaValues,
): { ok: true; input: { dealId: string; version: number; changes: Record<string, unknown> } } | { ok: false; problems: Partial<Record<CriteriaField, FieldProblem>> } {
  const problems: Partial<Record<CriteriaField, FieldProblem>> = {};
  const changes: Record<string, unknown> = {};
  for (const field of missing) {
    const raw = values[field];
    const list = Array.isArray(raw) ? raw : [];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (INPUT_KIND[field] === 'contacts' ? list.length === 0 : text === '') {
      problems[field] = { kind: 'required' };
      continue;
    }
    switch (INPUT_KIND[field]) {
      case 'money': {
        const amount = amountFromText(text, deal.currency);
        if (!amount.ok) problems[field] = { kind: 'invalid', message: amount.message };
        else if ((amount.amountMinor ?? 0) <= 0) problems[field] = { kind: 'invalid', message: t('board.criteria.amountPositive') };
        else changes[CHANGE_KEY[field]] = amount.amountMinor;
        break;
      }
      case 'contacts':
        changes[CHANGE_KEY[field]] = list;
        break;
      case 'segment':
        if (isSegment(text)) changes[CHANGE_KEY[field]] = text;
        else problems[field] = { kind: 'invalid', message: t('board.criteria.chooseSegment') };
        break;
      default:
        changes[CHANGE_KEY[field]] = text;
    }
  }
  const input = { dealId: deal.id, version: deal.version, changes };
  const parsed = UpdateDealInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String((issue.path[0] === 'changes' ? issue.path[1] : issue.path[0]) ?? '');
      const field = missing.find((f) => CHANGE_KEY[f] === key);
      if (field && !problems[field]) problems[field] = { kind: 'invalid', message: issueText(issue) };
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, input };
}

/** Server field errors (paths like `contractEnd` or `changes.contractEnd`) mapped back onto the form's fields. */
export function serverProblems(missing: readonly CriteriaField[], fields: ReadonlyArray<{ path: string; message: string; code?: string | undefined; params?: Record<string, unknown> | undefined }>): Partial<Record<CriteriaField, FieldProblem>> {
  const problems: Partial<Record<CriteriaField, FieldProblem>> = {};
  for (const error of fields) {
    const { path } = error;
    const message = error.code ? issueText(error) : error.message;
    const key = path.replace(/^changes\./, '').split('.')[0] ?? '';
    const field = missing.find((f) => f === key || CHANGE_KEY[f] === key);
    if (field) problems[field] = { kind: 'invalid', message };
  }
  return problems;
}

/** The missing fields of a refused move, grouped by the stage that asks for them. */
export interface CriteriaGroup {
  stage: Stage;
  role: 'exit' | 'ready';
  fields: CriteriaField[];
}

/**
 * Which stage asks for each missing field, in pipeline order (the same rule the server applied): a
 * move from Qualification to Closed won lists Qualification's exit criteria under Qualification and
 * the definition of ready under Closed won, so the dialog never says one stage needs another's fields.
 * Fields no stage claims (the pipeline changed meanwhile) are listed under the target.
 */
export function criteriaGroups(stages: readonly Stage[], fromStageId: string, toStage: Stage, missing: readonly CriteriaField[]): CriteriaGroup[] {
  const sources = criteriaSourcesForMove({ stages: [...stages] }, fromStageId, toStage.id);
  const left = new Set(missing);
  const groups: CriteriaGroup[] = [];
  for (const source of sources) {
    const stage = stages.find((s) => s.id === source.stageId);
    // In the order the refusal listed them (the form's field order), within each stage.
    const fields = missing.filter((f) => left.has(f) && source.fields.includes(f));
    fields.forEach((f) => left.delete(f));
    if (stage && fields.length > 0) groups.push({ stage, role: source.role, fields });
  }
  if (left.size > 0) groups.push({ stage: toStage, role: toStage.outcome === 'won' ? 'ready' : 'exit', fields: missing.filter((f) => left.has(f)) });
  return groups;
}
