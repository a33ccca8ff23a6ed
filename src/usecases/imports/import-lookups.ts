import { claimStore, companyStore, contactStore, dealStore, externalIdStore } from '../../ports/registry';
import type { ExternalRecordType } from '../../ports/customers';
import { createHash } from 'node:crypto';
import type { Company } from '../../domain/company';
import type { Contact } from '../../domain/contact';
import type { Deal } from '../../domain/deal';
import { searchableName } from '../../domain/normalise';

/**
 * What an import asks storage while it plans a batch, remembered for the batch. Whether a record
 * exists is only ever decided by a strongly consistent read (a claim, an external id, a record by
 * id), never by a query, because queries trail writes. The one exception is a company named only by
 * its name: the name index is queried, and a company created seconds before the import may be
 * missed (the duplicates review finds the pair); companies this import created are found by id.
 */
export class ImportLookups {
  private readonly claims = new Map<string, Promise<string | undefined>>();
  private readonly companies = new Map<string, Promise<Company | undefined>>();
  private readonly contacts = new Map<string, Promise<Contact | undefined>>();
  private readonly names = new Map<string, Promise<Company[]>>();

  constructor(readonly jobId: string) {}

  /** Storage reads made (each a unit or so: claims and records are small). */
  reads = 0;

  private cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let found = map.get(key);
    if (!found) {
      this.reads += 1;
      found = load();
      map.set(key, found);
    }
    return found;
  }

  emailHolder(email: string): Promise<string | undefined> {
    return this.cached(this.claims, `email:${email}`, () => claimStore.claimHolder('email', email));
  }

  domainHolder(domain: string): Promise<string | undefined> {
    return this.cached(this.claims, `domain:${domain}`, () => claimStore.claimHolder('domain', domain));
  }

  externalHolder(type: ExternalRecordType, value: string): Promise<string | undefined> {
    return this.cached(this.claims, `ext:${type}:${value}`, () => externalIdStore.externalIdHolder(type, value));
  }

  /** A company by id; only companies found are remembered (one this import creates later must be read again). */
  company(id: string): Promise<Company | undefined> {
    return this.cached(this.companies, id, async () => {
      const company = await companyStore.readCompany(id);
      if (!company) this.companies.delete(id);
      return company;
    });
  }

  contact(id: string): Promise<Contact | undefined> {
    return this.cached(this.contacts, id, () => contactStore.readContact(id));
  }

  deal(id: string): Promise<Deal | undefined> {
    this.reads += 1;
    return dealStore.readDeal(id);
  }

  /** Active companies whose name folds to exactly `name` (at most 3 are asked for: more than one is ambiguous anyway). */
  companiesNamed(name: string): Promise<Company[]> {
    const folded = searchableName(name);
    return this.cached(this.names, folded, async () => {
      return companyStore.activeCompaniesNamed(folded, 3);
    });
  }

  /**
   * Forget the claims read for a batch once it is committed (the next batch reads them again: its
   * rows may name what this one took); companies are kept for the run, since the batch's
   * transaction checks every existing company it links to is still active.
   */
  nextBatch(): void {
    this.claims.clear();
    this.contacts.clear();
  }

  /** Forget everything (after a refused commit, all is read again). */
  clear(): void {
    this.claims.clear();
    this.companies.clear();
    this.contacts.clear();
    this.names.clear();
  }

  /** The id a row's own record gets: the job and the line, so the report can say "same as line N". */
  rowRecordId(line: number): string {
    return `${this.jobId}-L${line}`;
  }

  /** The line of this file a record id came from, when this import created it. */
  lineOf(recordId: string): number | undefined {
    const prefix = `${this.jobId}-L`;
    return recordId.startsWith(prefix) ? Number(recordId.slice(prefix.length)) : undefined;
  }

  /** The id of a company this import creates because rows name it (the same name or domain gives the same id). */
  namedCompanyId(key: string): string {
    return `${this.jobId}-co-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16)}`;
  }
}
