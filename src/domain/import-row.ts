import { companyDomain, CompanyError, type CompanyFields } from './company';
import { contactEmail, ContactError, type Consent, type ContactFields } from './contact';
import type { Deal } from './deal';
import type { ImportKind, ImportTarget } from './import-fields';
import type { DateOrder, Read } from './import-values';
import {
  readAmount, readBoolean, readCompanyLifecycle, readConsentStatus, readCurrency, readDate, readDealType, readLifecycleStage, readList, readSegment,
} from './import-values';
import type { Pipeline, Stage } from './pipeline';

/**
 * One CSV row read as the record it describes, before any storage is asked: the values of the mapped
 * columns, the record it may match (email, domain or external id), and the company and contacts it
 * names. A blank cell sets nothing (an update keeps what the record has), as HubSpot and Pipedrive
 * imports do. Every problem is kept with its column, so the rejected-rows report says all of them.
 */
export type MatchBy = 'email' | 'domain' | 'externalId';
export type ImportMode = 'create' | 'update';

export interface ImportOptions {
  kind: ImportKind;
  mode: ImportMode;
  matchBy: MatchBy;
  dateOrder: DateOrder;
  /** Deals without a currency column (or with a blank cell) are in this currency. */
  defaultCurrency: string;
}

export interface RowProblem {
  /** The column at fault (0-based), or null for the row as a whole. */
  column: number | null;
  message: string;
}

/** A company a contact or deal row names: by external id, domain or name (in that order of trust). */
export interface CompanyRef {
  externalId: string | null;
  domain: string | null;
  name: string | null;
}

export type CompanyValues = Partial<Pick<CompanyFields, 'name' | 'domain' | 'industry' | 'segment' | 'region' | 'lifecycle'>>;
export type ContactValues = Partial<Pick<ContactFields, 'name' | 'email' | 'phone' | 'title' | 'lifecycleStage' | 'consent'>> & { source?: string; campaign?: string };
export type DealValues = Partial<
  Pick<Deal, 'name' | 'amountMinor' | 'currency' | 'closeDate' | 'nextStep' | 'nextStepDue' | 'source' | 'segment' | 'type' | 'recurring' | 'contractStart' | 'contractEnd' | 'scope' | 'notSold' | 'stakeholders' | 'successCriteria'>
>;

export type RowPlan =
  | { kind: 'companies'; externalId: string | null; values: CompanyValues }
  | { kind: 'contacts'; externalId: string | null; values: ContactValues; company: CompanyRef | null }
  | { kind: 'deals'; externalId: string | null; values: DealValues; stage: Stage | null; company: CompanyRef | null; contacts: { emails: string[]; externalIds: string[] } };

export interface RowReading {
  plan: RowPlan | null;
  problems: RowProblem[];
}

type Cells = Partial<Record<ImportTarget, { text: string; column: number }>>;

function cellsOf(mapping: ReadonlyArray<ImportTarget | null>, cells: readonly string[]): Cells {
  const out: Cells = {};
  mapping.forEach((target, column) => {
    const text = (cells[column] ?? '').trim();
    if (target && text) out[target] = { text, column };
  });
  return out;
}

/** Reads one mapped cell with `reader`, recording a problem in its column; undefined when blank. */
function reader(cells: Cells, problems: RowProblem[]) {
  return <T>(target: ImportTarget, read: (text: string) => Read<T>): T | undefined => {
    const cell = cells[target];
    if (!cell) return undefined;
    const result = read(cell.text);
    if (result.problem !== undefined) problems.push({ column: cell.column, message: result.problem });
    return result.value;
  };
}

const text = (t: string): Read<string> => (t.length > 255 ? { problem: 'Longer than 255 characters' } : { value: t });
const longText = (t: string): Read<string> => (t.length > 10_000 ? { problem: 'Longer than 10,000 characters' } : { value: t });

function domainOf(t: string): Read<string> {
  try {
    const domain = companyDomain(t);
    return domain ? { value: domain } : { problem: 'Not a web domain' };
  } catch (error) {
    if (error instanceof CompanyError) return { problem: error.message };
    throw error;
  }
}

function emailOf(t: string): Read<string> {
  try {
    const email = contactEmail(t);
    return email ? { value: email } : { problem: 'Not an email address' };
  } catch (error) {
    if (error instanceof ContactError) return { problem: error.message };
    throw error;
  }
}

const fold = (t: string) => t.trim().toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The pipeline stage a cell names: by its name, or the won/lost stage for HubSpot's "closedwon"/"closedlost". */
export function stageNamed(pipeline: Pipeline, name: string): Stage | undefined {
  const wanted = fold(name);
  const byName = pipeline.stages.find((s) => fold(s.name) === wanted || fold(s.id) === wanted);
  if (byName) return byName;
  if (/^(closed)?won$/.test(wanted)) return pipeline.stages.find((s) => s.outcome === 'won');
  if (/^(closed)?lost$/.test(wanted)) return pipeline.stages.find((s) => s.outcome === 'lost');
  return undefined;
}

function companyRef(read: ReturnType<typeof reader>): CompanyRef | null {
  const externalId = read('companyExternalId', text) ?? null;
  const domain = read('companyDomain', domainOf) ?? null;
  const name = read('companyName', text) ?? null;
  return externalId || domain || name ? { externalId, domain, name } : null;
}

function requireMatchKey(options: ImportOptions, plan: { externalId: string | null }, key: string | null | undefined, problems: RowProblem[]): void {
  if (options.mode !== 'update') return;
  const has = options.matchBy === 'externalId' ? plan.externalId : key;
  if (!has) problems.push({ column: null, message: `Updating existing records matches them by ${options.matchBy === 'externalId' ? 'external id' : options.matchBy}, and this row has none` });
}

/**
 * Reads a row of `options.kind` through the column mapping. Rows that name no record (no name when
 * one is needed) or hold any unreadable value come back with their problems and no plan.
 */
export function readRow(options: ImportOptions, mapping: ReadonlyArray<ImportTarget | null>, cells: readonly string[], pipeline: Pipeline | null): RowReading {
  const problems: RowProblem[] = [];
  const byTarget = cellsOf(mapping, cells);
  const read = reader(byTarget, problems);
  const externalId = read('externalId', text) ?? null;
  let plan: RowPlan;

  if (options.kind === 'companies') {
    const values: CompanyValues = {};
    const set = <K extends keyof CompanyValues>(key: K, value: CompanyValues[K] | undefined) => value !== undefined && (values[key] = value);
    set('name', read('name', text));
    set('domain', read('domain', domainOf));
    set('industry', read('industry', text));
    set('segment', read('segment', readSegment));
    set('region', read('region', text));
    set('lifecycle', read('lifecycle', readCompanyLifecycle));
    plan = { kind: 'companies', externalId, values };
    requireMatchKey(options, plan, values.domain, problems);
    if (!values.name && options.mode === 'create') problems.push({ column: null, message: 'A company needs a name' });
  } else if (options.kind === 'contacts') {
    const values: ContactValues = {};
    const set = <K extends keyof ContactValues>(key: K, value: ContactValues[K] | undefined) => value !== undefined && (values[key] = value);
    const whole = read('name', text);
    const first = read('firstName', text);
    const last = read('lastName', text);
    set('name', whole ?? ([first, last].filter(Boolean).join(' ') || undefined));
    set('email', read('email', emailOf));
    set('phone', read('phone', (t) => (t.length > 64 ? { problem: 'Longer than 64 characters' } : { value: t })));
    set('title', read('title', text));
    set('lifecycleStage', read('lifecycleStage', readLifecycleStage));
    set('source', read('source', text));
    set('campaign', read('campaign', text));
    const status = read('consentStatus', readConsentStatus);
    const date = read('consentDate', (t) => readDate(t, options.dateOrder));
    if (status && status !== 'unknown') {
      if (!date) problems.push({ column: byTarget.consentStatus?.column ?? null, message: 'Consent needs the date it was given or withdrawn (map a consent date column)' });
      else values.consent = { status, basis: status === 'granted' ? 'consent' : null, date } satisfies Consent;
    }
    plan = { kind: 'contacts', externalId, values, company: companyRef(read) };
    requireMatchKey(options, plan, values.email, problems);
    if (!values.name && options.mode === 'create') problems.push({ column: null, message: 'A contact needs a name (map a name, or first and last name columns)' });
  } else {
    const values: DealValues = {};
    const set = <K extends keyof DealValues>(key: K, value: DealValues[K] | undefined) => value !== undefined && (values[key] = value);
    set('name', read('name', text));
    const currency = read('currency', readCurrency) ?? options.defaultCurrency;
    if (byTarget.currency || byTarget.amount) values.currency = currency;
    const amount = read('amount', (t) => readAmount(t, currency));
    if (amount) values.amountMinor = amount.amountMinor;
    const date = (t: string) => readDate(t, options.dateOrder);
    set('closeDate', read('closeDate', date));
    set('nextStep', read('nextStep', text));
    set('nextStepDue', read('nextStepDue', date));
    set('source', read('source', text));
    set('segment', read('segment', readSegment));
    set('type', read('type', readDealType));
    set('recurring', read('recurring', readBoolean));
    set('contractStart', read('contractStart', date));
    set('contractEnd', read('contractEnd', date));
    set('scope', read('scope', longText));
    set('notSold', read('notSold', longText));
    set('stakeholders', read('stakeholders', longText));
    set('successCriteria', read('successCriteria', longText));
    if (values.contractStart && values.contractEnd && values.contractEnd < values.contractStart) {
      problems.push({ column: byTarget.contractEnd?.column ?? null, message: 'The contract ends before it starts' });
    }
    let stage: Stage | null = null;
    const stageCell = byTarget.stage;
    if (stageCell && pipeline) {
      stage = stageNamed(pipeline, stageCell.text) ?? null;
      if (!stage) problems.push({ column: stageCell.column, message: `"${stageCell.text}" is not a stage of this pipeline (${pipeline.stages.map((s) => s.name).join(', ')})` });
    }
    const emails = read('contactEmails', (t) => {
      const list = readList(t).map(emailOf);
      const wrong = list.find((r) => r.problem !== undefined);
      return wrong?.problem !== undefined ? { problem: wrong.problem } : { value: list.map((r) => r.value as string) };
    });
    const contactIds = read('contactExternalIds', (t) => ({ value: readList(t) }));
    plan = { kind: 'deals', externalId, values, stage, company: companyRef(read), contacts: { emails: emails ?? [], externalIds: contactIds ?? [] } };
    requireMatchKey(options, plan, null, problems);
    if (!values.name && options.mode === 'create') problems.push({ column: null, message: 'A deal needs a name' });
  }
  return problems.length > 0 ? { plan: null, problems } : { plan, problems };
}

/** The reason a rejected row's report gives: each problem with the column it is in. */
export function rejectionReason(problems: readonly RowProblem[], header: readonly string[]): string {
  return problems.map((p) => (p.column === null ? p.message : `${header[p.column] ?? `Column ${p.column + 1}`}: ${p.message}`)).join('; ');
}
