import type { Deal } from './deal';

/**
 * The issue a won deal becomes (PRODUCT.md §3): its summary from the template's placeholders, its
 * description, and the list of deal fields it carries. Whatever lands on the issue can be read by
 * everyone who can browse the target project, so what it carries is stated in one place, shown to
 * the admin in the template editor, and contact e-mail addresses are left out unless the template
 * opts in. Pure.
 */
export interface DealFacts {
  deal: Deal;
  companyName: string | null;
  /** E-mail addresses only when the template opts in; null otherwise. */
  contacts: Array<{ name: string; title: string | null; email: string | null }>;
  dealUrl: string;
  amountText: string;
}

/**
 * The fixed words of the issue text, in the template's issue language: the caller reads them from
 * the translation resources (locales/*.json `issueText.*`), so this module stays pure. `intro` holds
 * `{deal}`, where the deal's linked name goes.
 */
export const ISSUE_WORDS = ['intro', 'company', 'amount', 'arr', 'contract', 'scope', 'notSold', 'successCriteria', 'stakeholders', 'contacts', 'noCompany'] as const;
export type IssueWords = Record<(typeof ISSUE_WORDS)[number], string>;

/** The languages the issue text can be written in (the translation resources Relay ships). */
export const ISSUE_LANGUAGES = ['en-US', 'de-DE'] as const;
export type IssueLanguage = (typeof ISSUE_LANGUAGES)[number];

/** The summary's placeholders, in the order the editor offers them. */
export const PLACEHOLDER_NAMES = ['deal.name', 'company.name', 'deal.amount', 'deal.closeDate'] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

/**
 * Fills `{{name}}` placeholders. Values come from a Map of the known names only, so a name such as
 * `constructor` or `__proto__` is an unknown placeholder and stays as typed, never an inherited
 * member of some object.
 */
export function fillTemplate(template: string, facts: DealFacts, words: Pick<IssueWords, 'noCompany'>): string {
  const values = new Map<string, string>([
    ['deal.name', facts.deal.name],
    ['company.name', facts.companyName ?? words.noCompany],
    ['deal.amount', facts.amountText],
    ['deal.closeDate', facts.deal.closeDate ?? ''],
  ]);
  return template
    .replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => values.get(name) ?? whole)
    .trim()
    .slice(0, 255);
}

/** Where on the delivery issue a deal field ends up. */
export type IssuePart = 'summary' | 'description' | 'property';

/** One deal field the delivery issue carries, and where. */
export interface CarriedField {
  field: 'dealName' | 'companyName' | 'amount' | 'closeDate' | 'contract' | 'scope' | 'notSold' | 'successCriteria' | 'stakeholders' | 'contactNames' | 'contactEmails' | 'dealLink' | 'dealId' | 'companyId' | 'handoffState';
  part: IssuePart;
}

const PLACEHOLDER_FIELD: Record<PlaceholderName, CarriedField['field']> = { 'deal.name': 'dealName', 'company.name': 'companyName', 'deal.amount': 'amount', 'deal.closeDate': 'closeDate' };

/**
 * Every deal field a template puts on the delivery issue: the summary's placeholders, the
 * description's sections (contact e-mails only when opted in) and the entity property, which keeps
 * only what JQL and Relay's own bookkeeping need (deal id, company, hand-off state).
 */
export function carriedFields(template: { summaryTemplate: string; includeContactEmails: boolean }): CarriedField[] {
  const known = new Set<string>(PLACEHOLDER_NAMES);
  const inSummary = [...template.summaryTemplate.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name): name is PlaceholderName => known.has(name));
  const summary = [...new Set(inSummary)].map((name): CarriedField => ({ field: PLACEHOLDER_FIELD[name], part: 'summary' }));
  const description: CarriedField['field'][] = ['dealLink', 'companyName', 'amount', 'contract', 'scope', 'notSold', 'successCriteria', 'stakeholders', 'contactNames'];
  if (template.includeContactEmails) description.push('contactEmails');
  const property: CarriedField['field'][] = ['dealId', 'companyId', 'companyName', 'handoffState'];
  return [...summary, ...description.map((field): CarriedField => ({ field, part: 'description' })), ...property.map((field): CarriedField => ({ field, part: 'property' }))];
}

type AdfNode = Record<string, unknown>;
const text = (value: string, marks?: AdfNode[]): AdfNode => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const heading = (value: string): AdfNode => ({ type: 'heading', attrs: { level: 3 }, content: [text(value)] });

/** The delivery issue's description as Atlassian Document Format: what sales knew, and the way back. */
export function handoffDescription(facts: DealFacts, words: IssueWords): AdfNode {
  const { deal } = facts;
  const [before, after] = words.intro.includes('{deal}') ? (words.intro.split('{deal}', 2) as [string, string]) : [`${words.intro} `, ''];
  const field = (label: string, value: string | null) => paragraph(text(`${label}: `, [{ type: 'strong' }]), text(value && value.trim() ? value : '—'));
  const content: AdfNode[] = [
    paragraph(...[before ? text(before) : null, text(deal.name, [{ type: 'link', attrs: { href: facts.dealUrl } }]), after ? text(after) : null].filter((n): n is AdfNode => n !== null)),
    field(words.company, facts.companyName),
    field(deal.recurring ? words.arr : words.amount, facts.amountText),
    field(words.contract, deal.contractStart || deal.contractEnd ? `${deal.contractStart ?? '?'} → ${deal.contractEnd ?? '?'}` : null),
    heading(words.scope),
    paragraph(text(deal.scope?.trim() || '—')),
    heading(words.notSold),
    paragraph(text(deal.notSold?.trim() || '—')),
    heading(words.successCriteria),
    paragraph(text(deal.successCriteria?.trim() || '—')),
    heading(words.stakeholders),
    paragraph(text(deal.stakeholders?.trim() || '—')),
  ];
  if (facts.contacts.length > 0) {
    content.push(heading(words.contacts));
    content.push({
      type: 'bulletList',
      content: facts.contacts.map((c) => ({ type: 'listItem', content: [paragraph(text([c.name, c.title, c.email].filter(Boolean).join(' · ')))] })),
    });
  }
  return { type: 'doc', version: 1, content };
}
