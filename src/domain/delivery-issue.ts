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

/** The summary's placeholders, in the order the editor offers them. */
export const PLACEHOLDER_NAMES = ['deal.name', 'company.name', 'deal.amount', 'deal.closeDate'] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

/**
 * Fills `{{name}}` placeholders. Values come from a Map of the known names only, so a name such as
 * `constructor` or `__proto__` is an unknown placeholder and stays as typed, never an inherited
 * member of some object.
 */
export function fillTemplate(template: string, facts: DealFacts): string {
  const values = new Map<string, string>([
    ['deal.name', facts.deal.name],
    ['company.name', facts.companyName ?? 'no company'],
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
export function handoffDescription(facts: DealFacts): AdfNode {
  const { deal } = facts;
  const field = (label: string, value: string | null) => paragraph(text(`${label}: `, [{ type: 'strong' }]), text(value && value.trim() ? value : '—'));
  const content: AdfNode[] = [
    paragraph(text('Hand-off from sales for '), text(deal.name, [{ type: 'link', attrs: { href: facts.dealUrl } }]), text('.')),
    field('Company', facts.companyName),
    field(deal.recurring ? 'ARR' : 'Amount', facts.amountText),
    field('Contract', deal.contractStart || deal.contractEnd ? `${deal.contractStart ?? '?'} → ${deal.contractEnd ?? '?'}` : null),
    heading('Scope'),
    paragraph(text(deal.scope?.trim() || '—')),
    heading('Not sold'),
    paragraph(text(deal.notSold?.trim() || '—')),
    heading('Success criteria'),
    paragraph(text(deal.successCriteria?.trim() || '—')),
    heading('Stakeholders'),
    paragraph(text(deal.stakeholders?.trim() || '—')),
  ];
  if (facts.contacts.length > 0) {
    content.push(heading('Contacts'));
    content.push({
      type: 'bulletList',
      content: facts.contacts.map((c) => ({ type: 'listItem', content: [paragraph(text([c.name, c.title, c.email].filter(Boolean).join(' · ')))] })),
    });
  }
  return { type: 'doc', version: 1, content };
}
