import type { Company } from './company';
import type { Contact } from './contact';
import { csvLine } from './csv-reader';
import type { Deal } from './deal';
import { forecastOf } from './deal';
import { formatAmount, isCurrency } from './money';
import { stageById, type Pipeline } from './pipeline';

/**
 * The columns a table exports, by the keys the table's own columns have, with headers an import
 * recognises (so an exported file imports back with its columns mapped). Values are plain text:
 * amounts as exact decimals in their currency, dates as YYYY-MM-DD, times as ISO 8601 in UTC.
 */
export const EXPORT_TABLES = ['deals', 'companies', 'contacts'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export interface ExportNames {
  companyName(id: string | null): string | null;
}

type Column<T> = { key: string; header: string; value: (record: T, names: ExportNames, pipeline: Pipeline | null) => string | number | null };

const iso = (ms: number) => new Date(ms).toISOString();

export const DEAL_COLUMNS: Array<Column<Deal>> = [
  { key: 'id', header: 'External id', value: (d) => d.id },
  { key: 'name', header: 'Name', value: (d) => d.name },
  { key: 'company', header: 'Company name', value: (d, n) => n.companyName(d.companyId) },
  { key: 'position', header: 'Stage', value: (d, _n, p) => (p ? (stageById(p, d.stageId)?.name ?? d.stageId) : d.stageId) },
  { key: 'amount', header: 'Amount', value: (d) => (d.amountMinor === null || !isCurrency(d.currency) ? null : formatAmount({ amountMinor: d.amountMinor, currency: d.currency })) },
  { key: 'currency', header: 'Currency', value: (d) => d.currency },
  { key: 'closeDate', header: 'Close date', value: (d) => d.closeDate },
  { key: 'nextStep', header: 'Next step', value: (d) => d.nextStep },
  { key: 'nextStepDue', header: 'Next step due', value: (d) => d.nextStepDue },
  { key: 'forecast', header: 'Forecast category', value: (d, _n, p) => { const stage = p ? stageById(p, d.stageId) : undefined; return stage ? forecastOf(d, stage) : d.forecastOverride; } },
  { key: 'outcome', header: 'Outcome', value: (d) => d.outcome },
  { key: 'owner', header: 'Owner (account id)', value: (d) => d.ownerId },
  { key: 'source', header: 'Source', value: (d) => d.source },
  { key: 'segment', header: 'Segment', value: (d) => d.segment },
  { key: 'updatedAt', header: 'Updated', value: (d) => iso(d.updatedAt) },
];

export const COMPANY_COLUMNS: Array<Column<Company>> = [
  { key: 'id', header: 'External id', value: (c) => c.id },
  { key: 'name', header: 'Name', value: (c) => c.name },
  { key: 'domain', header: 'Domain', value: (c) => c.domain },
  { key: 'industry', header: 'Industry', value: (c) => c.industry },
  { key: 'segment', header: 'Segment', value: (c) => c.segment },
  { key: 'region', header: 'Region', value: (c) => c.region },
  { key: 'lifecycle', header: 'Lifecycle', value: (c) => c.lifecycle },
  { key: 'owner', header: 'Owner (account id)', value: (c) => c.ownerId },
  { key: 'updatedAt', header: 'Updated', value: (c) => iso(c.updatedAt) },
];

export const CONTACT_COLUMNS: Array<Column<Contact>> = [
  { key: 'id', header: 'External id', value: (c) => c.id },
  { key: 'name', header: 'Name', value: (c) => c.name },
  { key: 'email', header: 'Email', value: (c) => c.email },
  { key: 'phone', header: 'Phone', value: (c) => c.phone },
  { key: 'title', header: 'Title', value: (c) => c.title },
  { key: 'company', header: 'Company name', value: (c, n) => n.companyName(c.companyId) },
  { key: 'stage', header: 'Lifecycle stage', value: (c) => c.lifecycleStage },
  { key: 'source', header: 'Source', value: (c) => c.attribution?.channel ?? null },
  { key: 'consent', header: 'Consent', value: (c) => c.consent.status },
  { key: 'consentDate', header: 'Consent date', value: (c) => c.consent.date },
  { key: 'owner', header: 'Owner (account id)', value: (c) => c.ownerId },
  { key: 'updatedAt', header: 'Updated', value: (c) => iso(c.updatedAt) },
];

const COLUMNS = { deals: DEAL_COLUMNS, companies: COMPANY_COLUMNS, contacts: CONTACT_COLUMNS } as const;

/** The columns asked for, in the order asked, that the table has (unknown keys are left out); all when none are named. */
export function exportColumns<T extends ExportTable>(table: T, keys: readonly string[]): (typeof COLUMNS)[T] {
  const all = COLUMNS[table] as ReadonlyArray<Column<unknown>>;
  if (keys.length === 0) return all as (typeof COLUMNS)[T];
  return keys.flatMap((key) => all.filter((c) => c.key === key)) as unknown as (typeof COLUMNS)[T];
}

export function headerLine(columns: ReadonlyArray<{ header: string }>): string {
  return csvLine(columns.map((c) => c.header));
}

export function recordLine<T>(columns: ReadonlyArray<Column<T>>, record: T, names: ExportNames, pipeline: Pipeline | null): string {
  return csvLine(columns.map((c) => c.value(record, names, pipeline)));
}
