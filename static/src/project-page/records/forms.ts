import type { z } from 'zod';
import { CreateActivityInput } from '../../../../src/contracts/activity';
import { CreateCompanyInput, ExistingHolder } from '../../../../src/contracts/company';
import { CreateContactInput } from '../../../../src/contracts/contact';
import { CreateDealInput } from '../../../../src/contracts/deal';
import { MoneyError, parseAmount } from '../../../../src/domain/money';
import { normaliseDomain, normaliseEmail } from '../../../../src/domain/normalise';
import { isIsoDate } from '../../../../src/domain/periods';
import { ApiError } from '../../lib/api-error';
import { exampleNumber, issueText, typedNumber } from '../../lib/field-messages';
import { t } from '../../lib/i18n';

/**
 * Form logic for the record views, kept free of React so it is unit-tested: a draft (what the user
 * typed, all strings) becomes a contract input validated by the SAME zod schema the resolver uses,
 * and both client-side issues and the server's VALIDATION fields end up as one map of
 * field → message shown beside each field.
 */
export type FieldErrors = Record<string, string>;
export type Built<T> = { ok: true; input: T } | { ok: false; errors: FieldErrors };

/** The first message per field; nested paths ("changes.amountMinor") name their last segment. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const last = issue.path[issue.path.length - 1];
    const key = last === undefined ? 'form' : String(last);
    errors[key] ??= issueText(issue);
  }
  return errors;
}

/** The server's field errors keyed the same way, so a VALIDATION answer lands beside the same fields. */
export function apiFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: FieldErrors = {};
  for (const field of error.fields) {
    const key = field.path.split('.').pop() || 'form';
    // Field errors with a code are worded here; the server's own sentences (without one) as sent.
    errors[key] ??= field.code ? issueText(field) : field.message;
  }
  return errors;
}

/** The record that already holds a domain or an email, from a CONFLICT answer. */
export function existingHolder(error: unknown): z.infer<typeof ExistingHolder> | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const parsed = ExistingHolder.safeParse(error.details.existing);
  return parsed.success ? parsed.data : null;
}

/** The current record from a stale-version CONFLICT (`details.current`), checked with its schema. */
export function conflictCurrent<T extends z.ZodType>(error: unknown, schema: T): z.infer<T> | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const parsed = schema.safeParse(error.details.current);
  return parsed.success ? parsed.data : null;
}

/** Trimmed text, or undefined when blank (optional fields are left out of a create). */
function optional(text: string | undefined): string | undefined {
  const value = (text ?? '').trim();
  return value === '' ? undefined : value;
}

function withOptional<T extends Record<string, unknown>>(base: T, extra: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) out[key] = value;
  return out as T;
}

function finish<S extends z.ZodType>(schema: S, candidate: unknown, extra: FieldErrors): Built<z.input<S>> {
  const parsed = schema.safeParse(candidate);
  const errors = { ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...extra };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: candidate as z.input<S> };
}

export interface CompanyDraft {
  name: string;
  domain: string;
  industry: string;
  segment: string;
  region: string;
}

export function buildCompanyInput(draft: CompanyDraft): Built<z.input<typeof CreateCompanyInput>> {
  const domain = optional(draft.domain);
  const extra: FieldErrors = {};
  if (domain !== undefined && normaliseDomain(domain) === undefined) extra.domain = t('records.error.domain');
  const candidate = withOptional({ name: draft.name.trim() }, { domain, industry: optional(draft.industry), segment: optional(draft.segment), region: optional(draft.region) });
  return finish(CreateCompanyInput, candidate, extra);
}

export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
  title: string;
  companyId: string;
}

export function buildContactInput(draft: ContactDraft): Built<z.input<typeof CreateContactInput>> {
  const email = optional(draft.email);
  const extra: FieldErrors = {};
  if (email !== undefined && normaliseEmail(email) === undefined) extra.email = t('records.error.email');
  const candidate = withOptional({ name: draft.name.trim() }, { email, phone: optional(draft.phone), title: optional(draft.title), companyId: optional(draft.companyId) });
  return finish(CreateContactInput, candidate, extra);
}

/** A typed decimal amount → minor units, or a message naming what is wrong with it. */
export function amountFromText(text: string, currency: string): { ok: true; amountMinor: number | null } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, amountMinor: null };
  const plain = typedNumber(text);
  if (plain === null) return { ok: false, message: t('records.error.amount', { example: exampleNumber('12000.50') }) };
  try {
    const money = parseAmount(plain, currency);
    if (money.amountMinor < 0) return { ok: false, message: t('records.error.amountNegative') };
    return { ok: true, amountMinor: money.amountMinor };
  } catch (error) {
    if (error instanceof MoneyError) {
      if (error.problem === 'AMOUNT_PRECISION') return { ok: false, message: t('records.error.amountPrecision', { currency, digits: precisionOf(currency) }) };
      if (error.problem === 'CURRENCY_UNKNOWN') return { ok: false, message: t('records.error.currency') };
    }
    return { ok: false, message: t('records.error.amount', { example: exampleNumber('12000.50') }) };
  }
}

function precisionOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export interface DealDraft {
  projectKey: string;
  name: string;
  companyId: string;
  amount: string;
  currency: string;
  closeDate: string;
  stageId: string;
  nextStep: string;
  /** A recurring deal's amount is its ARR; its contract dates are what renewals are scheduled from. */
  recurring?: boolean;
  contractStart?: string;
  contractEnd?: string;
}

export function buildDealInput(draft: DealDraft): Built<z.input<typeof CreateDealInput>> {
  const extra: FieldErrors = {};
  const amount = amountFromText(draft.amount, draft.currency);
  if (!amount.ok) extra.amount = amount.message;
  const candidate = withOptional(
    { projectKey: draft.projectKey, name: draft.name.trim(), currency: draft.currency },
    {
      companyId: optional(draft.companyId),
      amountMinor: amount.ok && amount.amountMinor !== null ? amount.amountMinor : undefined,
      closeDate: optional(draft.closeDate),
      stageId: optional(draft.stageId),
      nextStep: optional(draft.nextStep),
      recurring: draft.recurring ? true : undefined,
      contractStart: draft.recurring ? optional(draft.contractStart) : undefined,
      contractEnd: draft.recurring ? optional(draft.contractEnd) : undefined,
    },
  );
  const built = finish(CreateDealInput, candidate, extra);
  // The schema names the amount field amountMinor; the form's field is "amount".
  if (!built.ok && built.errors.amountMinor) {
    built.errors.amount ??= built.errors.amountMinor;
    delete built.errors.amountMinor;
  }
  return built;
}

/** The fields of a deal a table cell edits in place. */
export type InlineDealField = 'name' | 'amountMinor' | 'closeDate' | 'nextStep' | 'nextStepDue' | ReadyTextField | 'contractStart' | 'contractEnd';
/** The definition of ready's text fields (the won stage's exit criteria), edited in the drawer where a Data quality fix lands. */
export type ReadyTextField = 'scope' | 'notSold' | 'stakeholders' | 'successCriteria';

/**
 * What a typed cell value means as a change: blank clears optional fields, an amount is parsed in
 * the deal's currency, a date must be YYYY-MM-DD. The full update is then checked by the caller
 * with UpdateDealInput.
 */
export function inlineDealChange(field: InlineDealField, text: string, currency: string): { ok: true; value: string | number | null } | { ok: false; message: string } {
  const value = text.trim();
  switch (field) {
    case 'name':
      return value === '' ? { ok: false, message: t('records.error.nameRequired') } : { ok: true, value };
    case 'amountMinor': {
      const amount = amountFromText(value, currency);
      return amount.ok ? { ok: true, value: amount.amountMinor } : amount;
    }
    case 'closeDate':
    case 'nextStepDue':
    case 'contractStart':
    case 'contractEnd':
      if (value === '') return { ok: true, value: null };
      return isIsoDate(value) ? { ok: true, value } : { ok: false, message: t('records.error.date') };
    case 'nextStep':
    case 'scope':
    case 'notSold':
    case 'stakeholders':
    case 'successCriteria':
      return { ok: true, value: value === '' ? null : value };
  }
}

/**
 * A task's due date as typed (a calendar day) → the instant it falls due: the end of that day in
 * UTC, so a task due "today" is not overdue until the day is over anywhere it is still that day.
 */
export function dueAtOfDate(iso: string): number | undefined {
  if (!isIsoDate(iso)) return undefined;
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d, 23, 59, 59, 999);
}

export interface ActivityDraft {
  kind: string;
  subject: string;
  body: string;
  dueDate: string;
}

export function buildActivityInput(recordType: 'deal' | 'company' | 'contact', recordId: string, draft: ActivityDraft): Built<z.input<typeof CreateActivityInput>> {
  const extra: FieldErrors = {};
  const dueAt = draft.kind === 'task' && draft.dueDate.trim() !== '' ? dueAtOfDate(draft.dueDate.trim()) : undefined;
  if (draft.kind === 'task' && draft.dueDate.trim() !== '' && dueAt === undefined) extra.dueAt = t('records.error.date');
  const candidate = withOptional({ recordType, recordId, kind: draft.kind, subject: draft.subject.trim() }, { body: optional(draft.body), dueAt });
  return finish(CreateActivityInput, candidate, extra);
}
