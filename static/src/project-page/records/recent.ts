import type { CompanyRecord } from '../../../../src/contracts/company';
import type { ContactRecord } from '../../../../src/contracts/contact';
import { namePrefix } from '../../../../src/domain/company';

/**
 * Records this page created, for searches and lists that read a storage query. Forge's entity
 * queries are eventually consistent: for a moment after a write they may not show it (the sandbox
 * models that lag), so a company created on the Companies tab would be missing from the company
 * picker on the Contacts tab, and a contact missing from the deal form. The page remembers what it
 * created (for the life of the iframe, which Jira keeps across the project page's subpages) and
 * merges it into those reads until they show it themselves.
 */
const KEEP_MS = 10 * 60_000;

type Entry<T> = { record: T; at: number };
const companies = new Map<string, Entry<CompanyRecord>>();
const contacts = new Map<string, Entry<ContactRecord>>();

function fresh<T>(store: Map<string, Entry<T>>): T[] {
  const now = Date.now();
  const kept: T[] = [];
  for (const [id, entry] of store) {
    if (now - entry.at > KEEP_MS) store.delete(id);
    else kept.push(entry.record);
  }
  return kept;
}

export function rememberCreatedCompany(company: CompanyRecord): void {
  companies.set(company.id, { record: company, at: Date.now() });
}

export function rememberCreatedContact(contact: ContactRecord): void {
  contacts.set(contact.id, { record: contact, at: Date.now() });
}

/** `items` (a search's answer) with the companies this page created whose name starts with `text`, as the search matches. */
export function withCreatedCompanies(items: CompanyRecord[], text: string, limit: number): CompanyRecord[] {
  const prefix = namePrefix(text);
  if (!prefix) return items;
  const missing = fresh(companies).filter((c) => !c.archived && namePrefix(c.name).startsWith(prefix) && !items.some((i) => i.id === c.id));
  return [...missing, ...items].slice(0, Math.max(limit, missing.length));
}

/** `items` (a company's contacts) with the contacts this page created at that company. */
export function withCreatedContacts(items: ContactRecord[], companyId: string): ContactRecord[] {
  const missing = fresh(contacts).filter((c) => c.companyId === companyId && !items.some((i) => i.id === c.id));
  return [...items, ...missing];
}
