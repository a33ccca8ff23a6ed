import { BATCH_MAX_OPS } from '../../ports/imports';
import { activityStore, importStore } from '../../ports/registry';
import { COMPANY_AUDITED_FIELDS, CompanyError, newCompany, updateCompany, type Company } from '../../domain/company';
import { CONTACT_AUDITED_FIELDS, ContactError, contactAuditView, newContact, updateContact, type Contact } from '../../domain/contact';
import type { CsvRow } from '../../domain/csv-reader';
import { fieldChanges, DEAL_AUDITED_FIELDS } from '../../domain/audit';
import { readRow, rejectionReason, type CompanyRef, type RowPlan } from '../../domain/import-row';
import { searchableName } from '../../domain/normalise';
import { positionBetween } from '../../domain/positions';
import { SITE_PROJECT } from '../companies/site-access';
import { buildDeal } from './import-deals';
import { Defer, heldByOther, refuseTaken, Reject, rejectingOn, takenBy, type Match, type MatchOf, type PlanContext, type PlannedBatch, type RowOutcome } from './plan-rules';

function auditOf(ctx: PlanContext, recordKey: string, projectId: string, changes: ReturnType<typeof fieldChanges>) {
  return changes.length > 0 ? activityStore.changeActivity(ctx.newId(), recordKey, projectId, ctx.actorId, ctx.now, changes) : null;
}

/**
 * Plans one batch of rows: reads each row, finds the record it matches and the company and contacts
 * it names, and adds the writes to the batch while they fit in one transaction. A row that collides
 * with one already in the batch (the same email or domain, in update mode) ends the batch: it is
 * planned again in the next one, against what this one stored.
 */
export class BatchPlanner {
  private readonly batch = importStore.emptyBatch();
  private ops = 0;
  private companiesCreated = 0;
  /** Values taken by records planned in this batch: email / domain / external id → the record and its line. */
  private readonly planned = new Map<string, { id: string; line: number }>();
  private readonly positions = new Map<string, string | null>();
  /** Records this batch writes: one write per record per transaction (a second row for it waits, or is a duplicate). */
  private readonly writing = new Set<string>();

  constructor(private readonly ctx: PlanContext) {}

  async plan(rows: readonly CsvRow[]): Promise<PlannedBatch> {
    const outcomes: RowOutcome[] = [];
    let taken = 0;
    for (const row of rows) {
      const ops = this.ops;
      const snapshot = { companies: this.batch.companies.length, contacts: this.batch.contacts.length, deals: this.batch.deals.length, checks: this.batch.checkCompanies.length, created: this.companiesCreated };
      const plannedKeys = new Set(this.planned.keys());
      const writingIds = new Set(this.writing);
      try {
        const outcome = await this.planRow(row);
        if (this.ops > BATCH_MAX_OPS) throw new Defer();
        outcomes.push({ line: row.line, outcome });
      } catch (error) {
        // Undo what the row added: it waits for the next batch, or is rejected with nothing written.
        this.ops = ops;
        this.batch.companies.length = snapshot.companies;
        this.batch.contacts.length = snapshot.contacts;
        this.batch.deals.length = snapshot.deals;
        this.batch.checkCompanies.length = snapshot.checks;
        this.companiesCreated = snapshot.created;
        for (const key of [...this.planned.keys()]) if (!plannedKeys.has(key)) this.planned.delete(key);
        for (const id of [...this.writing]) if (!writingIds.has(id)) this.writing.delete(id);
        if (error instanceof Defer) {
          if (taken === 0) throw new Error(`Line ${row.line} needs more than one transaction can hold`);
          break;
        }
        if (!(error instanceof Reject)) throw error;
        outcomes.push({ line: row.line, outcome: 'rejected', reason: error.reason, cells: row.cells });
      }
      taken += 1;
    }
    return { batch: this.batch, outcomes, taken, companiesCreated: this.companiesCreated };
  }

  private async planRow(row: CsvRow): Promise<'imported' | 'updated'> {
    if (row.problem) throw new Reject(row.problem);
    const { options, mapping, header } = this.ctx.config;
    if (row.cells.length > header.length && row.cells.slice(header.length).some((c) => c.trim() !== '')) {
      throw new Reject(`The row has ${row.cells.length} values and the header ${header.length} columns`);
    }
    const reading = readRow(options, mapping, row.cells, this.ctx.pipeline);
    if (!reading.plan) throw new Reject(rejectionReason(reading.problems, header));
    const plan = reading.plan;
    if (plan.kind === 'companies') return this.planCompany(plan, row.line);
    if (plan.kind === 'contacts') return this.planContact(plan, row.line);
    return this.planDeal(plan, row.line);
  }

  /** Claims a value for the batch; a second row with it is a duplicate (create) or waits (update). */
  private claimInBatch(key: string, id: string, line: number, what: string): void {
    const earlier = this.planned.get(key);
    if (earlier && earlier.id !== id) {
      if (this.ctx.config.options.mode === 'update') throw new Defer();
      throw new Reject(`Same ${what} as line ${earlier.line} of this file`);
    }
    this.planned.set(key, { id, line });
  }

  /**
   * The record a company or contact row is about: in update mode the one its unique value (domain,
   * email) or, when chosen, its external id matches; else the row's own new id. Both values are
   * claimed for the batch at once, so a later row with one waits or is a duplicate.
   */
  private async match(line: number, of: MatchOf): Promise<Match> {
    const { mode, matchBy } = this.ctx.config.options;
    const own = this.ctx.lookups.rowRecordId(line);
    const byValue = heldByOther(of.value ? await of.holderOf(of.value) : undefined, own);
    const byExternal = heldByOther(of.externalId ? await this.ctx.lookups.externalHolder(of.type, of.externalId) : undefined, own);
    const matchId = matchBy === 'externalId' ? byExternal : byValue;
    const updates = mode === 'update' && matchId !== undefined;
    const id = updates ? matchId : own;
    if (of.value) this.claimInBatch(`${of.claim}:${of.value}`, id, line, of.claim);
    if (of.externalId) this.claimInBatch(`ext:${of.type}:${of.externalId}`, id, line, 'external id');
    return { of, id, updates, byValue, byExternal, newExternalId: of.externalId && !byExternal ? of.externalId : null };
  }

  private async planCompany(plan: Extract<RowPlan, { kind: 'companies' }>, line: number): Promise<'imported' | 'updated'> {
    const { lookups } = this.ctx;
    const { values, externalId } = plan;
    const match = await this.match(line, { type: 'company', claim: 'domain', value: values.domain, externalId, holderOf: (domain) => lookups.domainHolder(domain), nameOf: async (id) => (await lookups.company(id))?.name });
    if (!match.updates) {
      await refuseTaken(this.ctx, match, null);
      if (!values.name) throw new Reject('A company needs a name');
      const after = this.company(() => newCompany({ ...values, name: values.name!, ownerId: this.ctx.actorId }, match.id, this.ctx.now));
      this.addCompany(null, { ...after, version: 1 }, externalId);
      return 'imported';
    }
    const before = await lookups.company(match.id);
    if (!before) throw new Reject('The matching company was erased while importing');
    await refuseTaken(this.ctx, match, before.id);
    const after = this.company(() => updateCompany(before, values, this.ctx.now));
    this.addCompany(before, { ...after, version: before.version + 1 }, match.newExternalId);
    return 'updated';
  }

  private company(build: () => Company): Company {
    return rejectingOn(CompanyError, build);
  }

  /** A record written once per batch: a second row for it waits for the next batch (update) or is a duplicate. */
  private write(id: string): void {
    if (this.writing.has(id)) {
      if (this.ctx.config.options.mode === 'update') throw new Defer();
      throw new Reject('Another line of this file is the same record');
    }
    this.writing.add(id);
  }

  private addCompany(before: Company | null, after: Company, externalId: string | null): void {
    this.write(after.id);
    const activity = auditOf(this.ctx, `company:${after.id}`, SITE_PROJECT, fieldChanges(before, after, COMPANY_AUDITED_FIELDS));
    const write = { before, after, externalId, activity };
    this.ops += importStore.writeOps(write, after.domain, before?.domain ?? null);
    this.batch.companies.push(write);
  }

  /**
   * The company a contact or deal row names: by external id, then domain, then name (found, or
   * created by this import). Rejects a name two active companies share, or an archived company.
   */
  async companyFor(ref: CompanyRef, line: number): Promise<string> {
    const { lookups } = this.ctx;
    const check = async (id: string) => {
      const company = this.batch.companies.find((w) => w.after.id === id)?.after ?? (await lookups.company(id));
      // A claim reserved for a company not stored yet (someone is creating it right now).
      if (!company) throw new Reject('The company this row names is being created by someone else: import this row again');
      if (company.archived) throw new Reject(`The company ${company.name} is archived`);
      if (!this.batch.companies.some((w) => w.after.id === id) && !this.batch.checkCompanies.includes(id)) {
        this.batch.checkCompanies.push(id);
        this.ops += 1;
      }
      return id;
    };
    const key = ref.domain ? `domain:${ref.domain}` : ref.externalId ? `ext:${ref.externalId}` : `name:${searchableName(ref.name ?? '')}`;
    const id = lookups.namedCompanyId(key);
    if (ref.externalId) {
      const holder = this.planned.get(`ext:company:${ref.externalId}`)?.id ?? heldByOther(await lookups.externalHolder('company', ref.externalId), id);
      if (holder) return check(holder);
      if (!ref.name) throw new Reject(`No company has the external id ${ref.externalId}`);
    }
    if (ref.domain) {
      const holder = this.planned.get(`domain:${ref.domain}`)?.id ?? heldByOther(await lookups.domainHolder(ref.domain), id);
      if (holder) return check(holder);
    }
    if (this.batch.companies.some((w) => w.after.id === id)) return id;
    if (await lookups.company(id)) return check(id);
    if (!ref.domain && !ref.externalId && ref.name) {
      const named = await lookups.companiesNamed(ref.name);
      if (named.length > 1) throw new Reject(`${named.length} companies are named ${ref.name}: add a company domain column to say which`);
      if (named.length === 1) return check(named[0]!.id);
    }
    const name = ref.name ?? ref.domain;
    if (!name) throw new Reject('The company named has no name or domain');
    const created = this.company(() => newCompany({ name, domain: ref.domain, ownerId: this.ctx.actorId }, id, this.ctx.now));
    if (ref.domain) this.claimInBatch(`domain:${ref.domain}`, id, line, 'company domain');
    if (ref.externalId) this.claimInBatch(`ext:company:${ref.externalId}`, id, line, 'company external id');
    this.addCompany(null, { ...created, version: 1 }, ref.externalId);
    this.companiesCreated += 1;
    return id;
  }

  private async planContact(plan: Extract<RowPlan, { kind: 'contacts' }>, line: number): Promise<'imported' | 'updated'> {
    const { lookups } = this.ctx;
    const { values, externalId } = plan;
    const match = await this.match(line, { type: 'contact', claim: 'email', value: values.email, externalId, holderOf: (email) => lookups.emailHolder(email), nameOf: async (id) => (await lookups.contact(id))?.name });
    const companyId = plan.company ? await this.companyFor(plan.company, line) : undefined;
    const attribution = values.source ? { channel: values.source, campaign: values.campaign ?? null } : undefined;
    const fields = { ...values, ...(companyId ? { companyId } : {}) };
    delete (fields as { source?: string }).source;
    delete (fields as { campaign?: string }).campaign;
    if (!match.updates) {
      await refuseTaken(this.ctx, match, null);
      if (!values.name) throw new Reject('A contact needs a name');
      const after = this.contact(() => newContact({ ...fields, name: values.name!, ownerId: this.ctx.actorId, ...(attribution ? { attribution } : {}) }, match.id, this.ctx.now));
      this.addContact(null, { ...after, version: 1 }, externalId);
      return 'imported';
    }
    const before = await lookups.contact(match.id);
    if (!before) throw new Reject('The matching contact was erased while importing');
    await refuseTaken(this.ctx, match, before.id);
    // First touch wins: an attribution the contact has is kept, whatever the file says.
    const patch = { ...fields, ...(attribution && !before.attribution ? { attribution } : {}) };
    const after = this.contact(() => updateContact(before, patch, this.ctx.now));
    this.addContact(before, { ...after, version: before.version + 1 }, match.newExternalId);
    return 'updated';
  }

  private contact(build: () => Contact): Contact {
    return rejectingOn(ContactError, build);
  }

  private addContact(before: Contact | null, after: Contact, externalId: string | null): void {
    this.write(after.id);
    const changes = fieldChanges(before ? contactAuditView(before) : null, contactAuditView(after), CONTACT_AUDITED_FIELDS);
    const activity = auditOf(this.ctx, `contact:${after.id}`, SITE_PROJECT, changes);
    const write = { before, after, externalId, activity };
    this.ops += importStore.writeOps(write, after.email, before?.email ?? null);
    this.batch.contacts.push(write);
  }

  private async contactIdsFor(plan: Extract<RowPlan, { kind: 'deals' }>): Promise<string[]> {
    const { lookups } = this.ctx;
    const ids: string[] = [];
    for (const email of plan.contacts.emails) {
      const holder = await lookups.emailHolder(email);
      const contact = holder ? await lookups.contact(holder) : undefined;
      if (!contact) throw new Reject(`No contact has the email ${email} (import contacts first)`);
      if (contact.archived) throw new Reject(`The contact ${contact.name} is archived`);
      ids.push(contact.id);
    }
    for (const externalId of plan.contacts.externalIds) {
      const holder = await lookups.externalHolder('contact', externalId);
      if (!holder) throw new Reject(`No contact has the external id ${externalId} (import contacts first)`);
      ids.push(holder);
    }
    return [...new Set(ids)].slice(0, 50);
  }

  private async planDeal(plan: Extract<RowPlan, { kind: 'deals' }>, line: number): Promise<'imported' | 'updated'> {
    const { lookups, pipeline } = this.ctx;
    if (!pipeline) throw new Error('A deals import needs the project pipeline');
    const { mode } = this.ctx.config.options;
    const byExternal = heldByOther(plan.externalId ? await lookups.externalHolder('deal', plan.externalId) : undefined, lookups.rowRecordId(line));
    const matchId = mode === 'update' ? byExternal : undefined;
    const id = matchId ?? lookups.rowRecordId(line);
    if (plan.externalId) this.claimInBatch(`ext:deal:${plan.externalId}`, id, line, 'external id');
    if (mode === 'create' && byExternal) throw takenBy(this.ctx, byExternal, 'external id', (await lookups.deal(byExternal))?.name);
    const before = matchId ? await lookups.deal(matchId) : undefined;
    if (matchId && !before) throw new Reject('The matching deal was erased while importing');
    if (before && before.projectId !== this.ctx.projectId) throw new Reject('The deal with this external id belongs to another project');
    const companyId = plan.company ? await this.companyFor(plan.company, line) : undefined;
    const contactIds = plan.contacts.emails.length + plan.contacts.externalIds.length > 0 ? await this.contactIdsFor(plan) : undefined;
    const after = await buildDeal({ plan, before: before ?? null, id, companyId, contactIds, pipeline, projectId: this.ctx.projectId, ownerId: this.ctx.actorId, now: this.ctx.now, position: (stageId) => this.nextPosition(stageId) });
    if (typeof after === 'string') throw new Reject(after);
    this.write(after.id);
    const activity = auditOf(this.ctx, `deal:${after.id}`, after.projectId, fieldChanges(before ?? null, after, DEAL_AUDITED_FIELDS));
    const write = { before: before ?? null, after, externalId: before ? null : plan.externalId, activity };
    // One write per totals shard the batch's deals fall in.
    const newShard = !this.batch.deals.some((d) => importStore.dealShard(d.after.id) === importStore.dealShard(after.id));
    this.ops += importStore.writeOps(write, null, null) + (newShard ? 1 : 0);
    this.batch.deals.push(write);
    return before ? 'updated' : 'imported';
  }

  /** A position after the last card of the column (and after the deals this batch already put there). */
  private async nextPosition(stageId: string): Promise<string> {
    const last = this.positions.has(stageId) ? (this.positions.get(stageId) ?? null) : await this.ctx.lastPosition(stageId);
    const position = positionBetween(last, null);
    this.positions.set(stageId, position);
    return position;
  }
}
