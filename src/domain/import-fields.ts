/**
 * What a CSV column can be imported as, per kind of record, and which export headers of other CRMs
 * each target is known by, so a file exported from HubSpot, Salesforce or Pipedrive maps itself.
 *
 * The aliases follow the vendors' documented export columns:
 * - HubSpot exports use property labels ("Record ID", "First Name", "Email", "Company Domain Name",
 *   "Deal Name", "Deal Stage", "Close Date", "Associated Company"); its import guide names the same
 *   (knowledge.hubspot.com, "Set up your import files").
 * - Salesforce Data Export writes API field names (Account: Id, Name, Website, Industry; Contact: Id,
 *   FirstName, LastName, Email, Phone, Title, AccountId; Opportunity: Id, Name, AccountId, Amount,
 *   CloseDate, StageName, CurrencyIsoCode, NextStep, LeadSource, Type), report exports the labels
 *   ("Opportunity Name", "Account Name", "Close Date", "Stage") (Salesforce field reference).
 * - Pipedrive exports prefix the object: "Person - Name", "Person - Email", "Organization - Name",
 *   "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Expected close date", "Deal - Stage".
 */
import english from '../../locales/en-US.json';
import german from '../../locales/de-DE.json';

export const IMPORT_KINDS = ['companies', 'contacts', 'deals'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_TARGETS = {
  companies: ['externalId', 'name', 'domain', 'industry', 'segment', 'region', 'lifecycle'],
  contacts: ['externalId', 'name', 'firstName', 'lastName', 'email', 'phone', 'title', 'lifecycleStage', 'companyName', 'companyDomain', 'companyExternalId', 'source', 'campaign', 'consentStatus', 'consentDate'],
  deals: [
    'externalId', 'name', 'amount', 'currency', 'stage', 'closeDate', 'companyName', 'companyDomain', 'companyExternalId', 'contactEmails', 'contactExternalIds',
    'nextStep', 'nextStepDue', 'source', 'segment', 'type', 'recurring', 'contractStart', 'contractEnd', 'scope', 'notSold', 'stakeholders', 'successCriteria',
  ],
} as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[ImportKind][number];

/** Folded header text: case, accents, punctuation and spacing do not matter ("Deal - Value" = "deal value"). */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

type Aliases = Partial<Record<ImportTarget, string[]>>;

/** Headers per target; the first entries are Relay's own export headers. */
const ALIASES: Record<ImportKind, Aliases> = {
  companies: {
    externalId: ['external id', 'record id', 'company id', 'id', 'account id', 'organization id', 'organization - id'],
    name: ['name', 'company name', 'company', 'account name', 'organization', 'organization - name', 'organisation name'],
    domain: ['domain', 'company domain name', 'website', 'website url', 'web site', 'organization - website', 'url'],
    industry: ['industry', 'organization - industry'],
    segment: ['segment', 'company size', 'customer segment'],
    region: ['region', 'country', 'country region', 'billingcountry', 'billing country', 'organization - country', 'state region'],
    lifecycle: ['lifecycle', 'type', 'account type', 'company lifecycle'],
  },
  contacts: {
    externalId: ['external id', 'record id', 'contact id', 'id', 'person id', 'person - id'],
    name: ['name', 'full name', 'contact name', 'person - name', 'person name'],
    firstName: ['first name', 'firstname', 'given name', 'person - first name'],
    lastName: ['last name', 'lastname', 'surname', 'family name', 'person - last name'],
    email: ['email', 'email address', 'e mail', 'primary email', 'person - email', 'work email'],
    phone: ['phone', 'phone number', 'mobile phone number', 'mobilephone', 'person - phone', 'telephone'],
    title: ['title', 'job title', 'jobtitle', 'person - job title', 'position'],
    lifecycleStage: ['lifecycle stage', 'lifecyclestage', 'lead status', 'stage'],
    companyName: ['company', 'company name', 'associated company', 'account name', 'organization', 'person - organization', 'organization - name'],
    companyDomain: ['company domain', 'company domain name', 'website', 'website url', 'company website'],
    companyExternalId: ['company external id', 'associated company id', 'associated company ids', 'accountid', 'account id', 'organization - id'],
    source: ['source', 'original source', 'lead source', 'leadsource', 'person - source', 'channel'],
    campaign: ['campaign', 'original source drill down 1', 'campaign name', 'utm campaign'],
    consentStatus: ['consent', 'consent status', 'marketing consent', 'email opt in'],
    consentDate: ['consent date', 'opt in date'],
  },
  deals: {
    externalId: ['external id', 'record id', 'deal id', 'id', 'opportunity id', 'deal - id'],
    name: ['name', 'deal name', 'dealname', 'opportunity name', 'deal - title', 'title', 'deal'],
    amount: ['amount', 'deal amount', 'value', 'deal - value', 'opportunity amount'],
    currency: ['currency', 'deal currency code', 'currencyisocode', 'opportunity currency', 'deal - currency'],
    stage: ['stage', 'deal stage', 'dealstage', 'stagename', 'stage name', 'deal - stage'],
    closeDate: ['close date', 'closedate', 'expected close date', 'deal - expected close date'],
    companyName: ['company', 'company name', 'associated company', 'account name', 'organization', 'deal - organization', 'organization - name'],
    companyDomain: ['company domain', 'company domain name', 'website'],
    companyExternalId: ['company external id', 'associated company id', 'associated company ids', 'accountid', 'account id', 'organization - id'],
    contactEmails: ['contact emails', 'contact email', 'associated contact email', 'person - email', 'contact person email'],
    contactExternalIds: ['contact external ids', 'associated contact ids', 'associated contact id', 'contactid', 'contact id', 'person - id'],
    nextStep: ['next step', 'nextstep', 'next activity', 'deal - next activity subject'],
    nextStepDue: ['next step due', 'next activity date', 'deal - next activity date'],
    source: ['source', 'lead source', 'leadsource', 'deal source', 'original source', 'deal - source'],
    segment: ['segment'],
    type: ['type', 'deal type', 'dealtype', 'opportunity type'],
    recurring: ['recurring', 'is recurring'],
    contractStart: ['contract start', 'contract start date'],
    contractEnd: ['contract end', 'contract end date'],
    scope: ['scope', 'description', 'deal description'],
    notSold: ['not sold', 'out of scope'],
    stakeholders: ['stakeholders'],
    successCriteria: ['success criteria'],
  },
};

/**
 * Relay's own export headers (export-columns.ts) by their key in the translation resources, per
 * target: a file exported in any language Relay ships imports back with its columns mapped (a
 * German user re-importing their own export). Columns an import does not take (owner, updated,
 * forecast, outcome) are not listed.
 */
const RELAY_HEADERS: Record<ImportKind, Partial<Record<ImportTarget, string>>> = {
  companies: { externalId: 'externalId', name: 'name', domain: 'domain', industry: 'industry', segment: 'segment', region: 'region', lifecycle: 'lifecycle' },
  contacts: {
    externalId: 'externalId', name: 'name', email: 'email', phone: 'phone', title: 'title', companyName: 'companyName', lifecycleStage: 'lifecycleStage',
    source: 'source', consentStatus: 'consent', consentDate: 'consentDate',
  },
  deals: {
    externalId: 'externalId', name: 'name', companyName: 'companyName', stage: 'stage', amount: 'amount', currency: 'currency', closeDate: 'closeDate',
    nextStep: 'nextStep', nextStepDue: 'nextStepDue', source: 'source', segment: 'segment',
  },
};

/** The export header tables of every language shipped (locales/*.json, `csv.header`). */
const HEADER_TABLES: ReadonlyArray<Record<string, string>> = [english.csv.header, german.csv.header];

/** A target's names: Relay's export header in each shipped language first, then the other CRMs' aliases. */
function namesOf(kind: ImportKind, target: ImportTarget): string[] {
  const key = RELAY_HEADERS[kind][target];
  const relay = key ? HEADER_TABLES.map((table) => table[key]).filter((h): h is string => typeof h === 'string') : [];
  return [...relay, ...(ALIASES[kind][target] ?? [])];
}

/** Which CRM a file most likely comes from, by the headers only that CRM writes. */
export type ExportSource = 'relay' | 'hubspot' | 'salesforce' | 'pipedrive' | 'unknown';

const SIGNATURES: Array<[ExportSource, RegExp]> = [
  ['pipedrive', /^(deal|person|organization) [a-z]/],
  ['salesforce', /^(accountid|stagename|closedate|currencyisocode|leadsource|firstname|lastname|isclosed|ownerid)$/],
  ['hubspot', /^(record id|deal stage|company domain name|associated company|lifecycle stage|contact owner|deal owner|company owner|original source)$/],
];

export function exportSourceOf(headers: readonly string[]): ExportSource {
  const folded = headers.map(foldHeader);
  for (const [source, pattern] of SIGNATURES) if (folded.some((h) => pattern.test(h))) return source;
  return 'unknown';
}

/**
 * A suggested target for each column (null: not imported). Each target is suggested for one
 * column at most: the column whose header is the target's earliest alias wins.
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): Array<ImportTarget | null> {
  const folded = headers.map(foldHeader);
  const targets = IMPORT_TARGETS[kind] as readonly ImportTarget[];
  const namesByTarget = targets.map((target) => [target, namesOf(kind, target).map(foldHeader)] as const);
  const candidates: Array<{ column: number; target: ImportTarget; rank: number }> = [];
  folded.forEach((header, column) => {
    for (const [target, names] of namesByTarget) {
      const rank = names.indexOf(header);
      if (rank >= 0) candidates.push({ column, target, rank });
    }
  });
  candidates.sort((a, b) => a.rank - b.rank || a.column - b.column);
  const mapping: Array<ImportTarget | null> = headers.map(() => null);
  const taken = new Set<ImportTarget>();
  for (const { column, target } of candidates) {
    if (mapping[column] !== null || taken.has(target)) continue;
    mapping[column] = target;
    taken.add(target);
  }
  return mapping;
}

export function isTargetOf(kind: ImportKind, target: string): target is ImportTarget {
  return (IMPORT_TARGETS[kind] as readonly string[]).includes(target);
}
