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
 * Headers are written in the exporting user's language: each column names its header's key in the
 * app's translation resources (`locales/*.json`, `csv.header.*`, the files manifest.yml's
 * `translations` names), and the import recognises the header in every language shipped.
 */
export const EXPORT_TABLES = ['deals', 'companies', 'contacts'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export interface ExportNames {
  companyName(id: string | null): string | null;
}

/** A key under `csv.header` in locales/en-US.json (and every other shipped language). */
export type HeaderKey =
  | 'externalId' | 'name' | 'companyName' | 'stage' | 'amount' | 'currency' | 'closeDate' | 'nextStep' | 'nextStepDue' | 'forecast' | 'outcome' | 'owner'
  | 'source' | 'segment' | 'updated' | 'domain' | 'industry' | 'region' | 'lifecycle' | 'email' | 'phone' | 'title' | 'lifecycleStage' | 'consent' | 'consentDate';

/** Looks a translation key up in the caller's language (Forge's `i18n.createTranslationFunction`). */
export type Translate = (key: string) => string;

export const headerKeyOf = (header: HeaderKey): string => `csv.header.${header}`;

type Column<T> = { key: string; header: HeaderKey; value: (record: T, names: ExportNames, pipeline: Pipeline | null) => string | number | null };

const iso = (ms: number) => new Date(ms).toISOString();

export const DEAL_COLUMNS: Array<Column<Deal>> = [
  { key: 'id', header: 'externalId', value: (d) => d.id },
  { key: 'name', header: 'name', value: (d) => d.name },
  { key: 'company', header: 'companyName', value: (d, n) => n.companyName(d.companyId) },
  { key: 'position', header: 'stage', value: (d, _n, p) => (p ? (stageById(p, d.stageId)?.name ?? d.stageId) : d.stageId) },
  { key: 'amount', header: 'amount', value: (d) => (d.amountMinor === null || !isCurrency(d.currency) ? null : formatAmount({ amountMinor: d.amountMinor, currency: d.currency })) },
  { key: 'currency', header: 'currency', value: (d) => d.currency },
  { key: 'closeDate', header: 'closeDate', value: (d) => d.closeDate },
  { key: 'nextStep', header: 'nextStep', value: (d) => d.nextStep },
  { key: 'nextStepDue', header: 'nextStepDue', value: (d) => d.nextStepDue },
  { key: 'forecast', header: 'forecast', value: (d, _n, p) => { const stage = p ? stageById(p, d.stageId) : undefined; return stage ? forecastOf(d, stage) : d.forecastOverride; } },
  { key: 'outcome', header: 'outcome', value: (d) => d.outcome },
  { key: 'owner', header: 'owner', value: (d) => d.ownerId },
  { key: 'source', header: 'source', value: (d) => d.source },
  { key: 'segment', header: 'segment', value: (d) => d.segment },
  { key: 'updatedAt', header: 'updated', value: (d) => iso(d.updatedAt) },
];

export const COMPANY_COLUMNS: Array<Column<Company>> = [
  { key: 'id', header: 'externalId', value: (c) => c.id },
  { key: 'name', header: 'name', value: (c) => c.name },
  { key: 'domain', header: 'domain', value: (c) => c.domain },
  { key: 'industry', header: 'industry', value: (c) => c.industry },
  { key: 'segment', header: 'segment', value: (c) => c.segment },
  { key: 'region', header: 'region', value: (c) => c.region },
  { key: 'lifecycle', header: 'lifecycle', value: (c) => c.lifecycle },
  { key: 'owner', header: 'owner', value: (c) => c.ownerId },
  { key: 'updatedAt', header: 'updated', value: (c) => iso(c.updatedAt) },
];

export const CONTACT_COLUMNS: Array<Column<Contact>> = [
  { key: 'id', header: 'externalId', value: (c) => c.id },
  { key: 'name', header: 'name', value: (c) => c.name },
  { key: 'email', header: 'email', value: (c) => c.email },
  { key: 'phone', header: 'phone', value: (c) => c.phone },
  { key: 'title', header: 'title', value: (c) => c.title },
  { key: 'company', header: 'companyName', value: (c, n) => n.companyName(c.companyId) },
  { key: 'stage', header: 'lifecycleStage', value: (c) => c.lifecycleStage },
  { key: 'source', header: 'source', value: (c) => c.attribution?.channel ?? null },
  { key: 'consent', header: 'consent', value: (c) => c.consent.status },
  { key: 'consentDate', header: 'consentDate', value: (c) => c.consent.date },
  { key: 'owner', header: 'owner', value: (c) => c.ownerId },
  { key: 'updatedAt', header: 'updated', value: (c) => iso(c.updatedAt) },
];

const COLUMNS = { deals: DEAL_COLUMNS, companies: COMPANY_COLUMNS, contacts: CONTACT_COLUMNS } as const;

/** The columns asked for, in the order asked, that the table has (unknown keys are left out); all when none are named. */
export function exportColumns<T extends ExportTable>(table: T, keys: readonly string[]): (typeof COLUMNS)[T] {
  const all = COLUMNS[table] as ReadonlyArray<Column<unknown>>;
  if (keys.length === 0) return all as (typeof COLUMNS)[T];
  return keys.flatMap((key) => all.filter((c) => c.key === key)) as unknown as (typeof COLUMNS)[T];
}

/** The header row in the language `translate` looks keys up in. */
export function headerLine(columns: ReadonlyArray<{ header: HeaderKey }>, translate: Translate): string {
  return csvLine(columns.map((c) => translate(headerKeyOf(c.header))));
}

export function recordLine<T>(columns: ReadonlyArray<Column<T>>, record: T, names: ExportNames, pipeline: Pipeline | null): string {
  return csvLine(columns.map((c) => c.value(record, names, pipeline)));
}
