import type { ActivityRecord, TimelineRecord } from '../../../src/contracts/activity';
import { Calls } from '../../../src/contracts/calls';
import type { DealRecord } from '../../../src/contracts/deal';
import { errorOf, startCrm, USERS, type Crm, type User } from './crm-harness';

/**
 * Times are explicit where order matters: the app stamps entries with the real clock, so logged
 * activities are dated in 2021 (older than anything written "now") or 2099 (later than now).
 */
const PAST = Date.UTC(2021, 0, 4, 9);
const FUTURE = Date.UTC(2099, 0, 1, 9);
const DAY = 86_400_000;

describe('activities and timelines on the sandbox (real resolver, real SDK)', () => {
  let crm: Crm;
  let deal: DealRecord;

  // Lists are entity queries, which may trail writes: these helpers read them as someone coming back later does.
  const timeline = async (user: User, recordId: string, extra: Record<string, unknown> = {}, recordType = 'deal') => {
    crm.later();
    return crm.ok(user, Calls.timeline.list, { recordType, recordId, limit: 100, ...extra });
  };
  const myTasks = async (user: User, input: Record<string, unknown>) => {
    crm.later();
    return crm.ok(user, Calls.tasks.mine, input);
  };
  const note = (user: User, subject: string, extra: Record<string, unknown> = {}) =>
    crm.ok(user, Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'note', subject, ...extra });

  beforeEach(async () => {
    crm = await startCrm();
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme rollout' });
  });
  afterEach(() => crm.close());

  it('logs each kind of activity on a deal, as the calling user', async () => {
    for (const kind of ['note', 'call', 'meeting', 'email'] as const) {
      const created = await crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind, subject: `A ${kind}`, body: ` About ${kind} `, at: PAST });
      expect(created).toEqual({
        id: expect.any(String), recordType: 'deal', recordId: deal.id, kind, subject: `A ${kind}`, body: `About ${kind}`, at: PAST,
        actorId: USERS.sam, task: null, createdAt: expect.any(Number), updatedAt: expect.any(Number), version: 1,
      });
    }
    const task = await crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'task', subject: 'Send the order form', dueAt: FUTURE });
    expect(task.task).toEqual({ ownerId: USERS.sam, dueAt: FUTURE, state: 'open', doneAt: null, doneBy: null, overdue: false });
    const kinds = (await timeline('vic', deal.id)).items.map((e) => e.kind);
    expect(kinds.sort()).toEqual(['call', 'change', 'email', 'meeting', 'note', 'task']);
  });

  it('lists a deal’s timeline newest first, page by page, narrowed to one kind on request', async () => {
    for (let i = 0; i < 5; i += 1) await note('sam', `Note ${i}`, { at: PAST + i * DAY });
    await crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'call', subject: 'Discovery call', at: PAST - DAY });

    const seen: TimelineRecord[] = [];
    let cursor: string | undefined;
    let pages = 0;
    crm.later();
    do {
      const page = await crm.ok('vic', Calls.timeline.list, { recordType: 'deal', recordId: deal.id, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(4);
    // The deal's creation (now) is the newest entry; then the notes from the latest, then the older call.
    expect(seen.map((e) => (e.kind === 'change' ? 'created' : e.subject))).toEqual(['created', 'Note 4', 'Note 3', 'Note 2', 'Note 1', 'Note 0', 'Discovery call']);
    const times = seen.map((e) => e.at);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const calls = await timeline('vic', deal.id, { kind: 'call' });
    expect(calls.items.map((e) => e.kind === 'call' && e.subject)).toEqual(['Discovery call']);
  });

  it('shows the audit entries of deal writes on the timeline: who, when, field, from and to', async () => {
    const updated = await crm.ok('alice', Calls.deals.update, { dealId: deal.id, version: deal.version, changes: { amountMinor: 900_000, nextStep: 'Call the CFO' } });
    expect(updated.version).toBe(2);
    const changes = (await timeline('vic', deal.id, { kind: 'change' })).items;
    expect(changes).toHaveLength(2);
    const update = changes.find((e) => e.actorId === USERS.alice);
    expect(update).toEqual({
      id: expect.any(String), recordType: 'deal', recordId: deal.id, kind: 'change', actorId: USERS.alice, at: expect.any(Number), version: 1,
      changes: [
        { field: 'amountMinor', from: null, to: 900_000 },
        { field: 'nextStep', from: null, to: 'Call the CFO' },
      ],
    });
    const creation = changes.find((e) => e.actorId === USERS.sam);
    expect(creation?.kind === 'change' && creation.changes).toEqual(expect.arrayContaining([{ field: 'name', from: null, to: 'Acme rollout' }]));
    expect(update!.at).toBeGreaterThanOrEqual(creation!.at);
    // The full timeline carries the same entries.
    expect((await timeline('vic', deal.id)).items.filter((e) => e.kind === 'change')).toHaveLength(2);
  });

  it('never lets anyone edit, complete or delete an audit entry', async () => {
    const [change] = (await timeline('alice', deal.id, { kind: 'change' })).items;
    const ref = { activityId: change!.id, version: change!.version };
    for (const answer of [
      await crm.call('alice', Calls.activities.update, { ...ref, changes: { subject: 'Nothing happened' } }),
      await crm.call('alice', Calls.activities.complete, ref),
      await crm.call('alice', Calls.activities.delete, ref),
    ]) {
      const error = errorOf(answer);
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toEqual({ reason: 'AUDIT_ENTRY' });
    }
    expect((await timeline('alice', deal.id, { kind: 'change' })).items).toEqual([change]);
  });

  it('completes and reopens tasks, and refuses that for other kinds', async () => {
    const task = await crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'task', subject: 'Chase legal', dueAt: PAST });
    expect(task.task).toMatchObject({ state: 'open', overdue: true });
    const done = await crm.ok('sam', Calls.activities.complete, { activityId: task.id, version: 1 });
    expect(done).toMatchObject({ version: 2, task: { state: 'done', doneBy: USERS.sam, doneAt: expect.any(Number), overdue: false } });
    const again = errorOf(await crm.call('sam', Calls.activities.complete, { activityId: task.id, version: 2 }));
    expect([again.code, again.details?.reason]).toEqual(['VALIDATION', 'TASK_ALREADY_DONE']);
    const reopened = await crm.ok('alice', Calls.activities.reopen, { activityId: task.id, version: 2 });
    expect(reopened).toMatchObject({ version: 3, task: { state: 'open', doneAt: null, doneBy: null, overdue: true } });

    const plain = await note('sam', 'Just a note');
    const notTask = errorOf(await crm.call('sam', Calls.activities.complete, { activityId: plain.id, version: 1 }));
    expect([notTask.code, notTask.details?.reason]).toEqual(['VALIDATION', 'NOT_A_TASK']);
    expect(errorOf(await crm.call('sam', Calls.activities.reopen, { activityId: plain.id, version: 1 })).code).toBe('VALIDATION');
  });

  it('lists my tasks by due date, overdue first, and moves them between open and done', async () => {
    const make = (subject: string, dueAt: number, ownerId?: string) =>
      crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'task', subject, dueAt, ...(ownerId ? { ownerId } : {}) });
    await make('Renewal prep', FUTURE + 2 * DAY);
    const overdue = await make('Send the contract', PAST);
    await make('Kick-off', FUTURE);
    await make('Alice’s task', PAST + DAY, USERS.alice);

    const open = await myTasks('sam', { state: 'open' });
    expect(open.items.map((t) => [t.subject, t.task?.overdue])).toEqual([
      ['Send the contract', true],
      ['Kick-off', false],
      ['Renewal prep', false],
    ]);
    expect((await myTasks('alice', {})).items.map((t) => t.subject)).toEqual(['Alice’s task']);

    await crm.ok('sam', Calls.activities.complete, { activityId: overdue.id, version: 1 });
    expect((await myTasks('sam', { state: 'open' })).items.map((t) => t.subject)).toEqual(['Kick-off', 'Renewal prep']);
    expect((await myTasks('sam', { state: 'done' })).items.map((t) => t.subject)).toEqual(['Send the contract']);

    const firstPage = await myTasks('sam', { state: 'open', limit: 1 });
    expect(firstPage.items.map((t) => t.subject)).toEqual(['Kick-off']);
    const second = await myTasks('sam', { state: 'open', limit: 1, cursor: firstPage.nextCursor! });
    expect(second.items.map((t) => t.subject)).toEqual(['Renewal prep']);
  });

  it('edits and deletes at the version read; a stale version gets CONFLICT with the current entry', async () => {
    const created = await note('sam', 'First impressions', { body: 'Keen on SSO' });
    const edited = await crm.ok('sam', Calls.activities.update, { activityId: created.id, version: 1, changes: { subject: 'First call', body: null } });
    expect(edited).toMatchObject({ subject: 'First call', body: null, version: 2 });

    const stale = errorOf(await crm.call('alice', Calls.activities.update, { activityId: created.id, version: 1, changes: { body: 'Lost update?' } }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.details?.current).toEqual(edited);
    expect(errorOf(await crm.call('alice', Calls.activities.delete, { activityId: created.id, version: 1 })).code).toBe('CONFLICT');

    const [a, b] = await Promise.all([
      crm.call('sam', Calls.activities.update, { activityId: created.id, version: 2, changes: { body: 'From Sam' } }),
      crm.call('alice', Calls.activities.update, { activityId: created.id, version: 2, changes: { subject: 'From Alice' } }),
    ]);
    expect([a, b].filter((x) => x.ok)).toHaveLength(1);
    const loser = errorOf([a, b].find((x) => !x.ok)!);
    expect(loser.code).toBe('CONFLICT');
    const current = (await timeline('sam', deal.id, { kind: 'note' })).items[0] as ActivityRecord;
    expect(current.version).toBe(3);
    expect(loser.details?.current).toEqual(current);

    expect(await crm.ok('alice', Calls.activities.delete, { activityId: created.id, version: 3 })).toEqual({ activityId: created.id, deleted: true });
    expect((await timeline('sam', deal.id, { kind: 'note' })).items).toEqual([]);
    expect(errorOf(await crm.call('alice', Calls.activities.update, { activityId: created.id, version: 3, changes: { subject: 'Back?' } })).code).toBe('NOT_FOUND');
  });

  it('lets readers of a deal read its timeline but not write it, and hides it from other projects', async () => {
    const created = await note('sam', 'Budget confirmed');
    expect((await timeline('vic', deal.id)).items.map((e) => e.id)).toContain(created.id);

    const create = errorOf(await crm.call('vic', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'note', subject: 'Mine' }));
    expect(create.code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('vic', Calls.activities.update, { activityId: created.id, version: 1, changes: { subject: 'Mine' } })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('vic', Calls.activities.delete, { activityId: created.id, version: 1 })).code).toBe('FORBIDDEN');

    for (const answer of [
      await crm.call('dana', Calls.timeline.list, { recordType: 'deal', recordId: deal.id }, 'DEL'),
      await crm.call('dana', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'note', subject: 'Hello' }, 'DEL'),
      await crm.call('dana', Calls.activities.update, { activityId: created.id, version: 1, changes: { subject: 'Hello' } }, 'DEL'),
      await crm.call('dana', Calls.activities.delete, { activityId: created.id, version: 1 }, 'DEL'),
      await crm.call('omar', Calls.timeline.list, { recordType: 'deal', recordId: deal.id }),
      await crm.call('sam', Calls.timeline.list, { recordType: 'deal', recordId: 'no-such-deal' }),
    ]) {
      const error = errorOf(answer);
      expect(error.code).toBe('NOT_FOUND');
      expect(JSON.stringify(error)).not.toContain('Budget confirmed');
    }
    expect((await timeline('sam', deal.id, { kind: 'note' })).items.map((e) => e.kind === 'note' && e.subject)).toEqual(['Budget confirmed']);
  });

  it('lets a task’s owner tick it off without edit rights, and nobody else', async () => {
    const forVic = await crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'task', subject: 'Review scope', dueAt: FUTURE, ownerId: USERS.vic });
    const forSam = await crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'task', subject: 'Sam’s own', dueAt: FUTURE });
    expect((await myTasks('vic', {})).items.map((t) => t.id)).toEqual([forVic.id]);
    expect(await crm.ok('vic', Calls.activities.complete, { activityId: forVic.id, version: 1 })).toMatchObject({ task: { state: 'done', doneBy: USERS.vic } });
    expect(errorOf(await crm.call('vic', Calls.activities.complete, { activityId: forSam.id, version: 1 })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('vic', Calls.activities.update, { activityId: forVic.id, version: 2, changes: { dueAt: FUTURE + DAY } })).code).toBe('FORBIDDEN');
  });

  it('keeps tasks on deals a person can no longer see out of their list', async () => {
    await crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'task', subject: 'Review scope', dueAt: FUTURE, ownerId: USERS.vic });
    expect((await myTasks('vic', {})).items).toHaveLength(1);
    crm.sandbox.jira.revoke(USERS.vic, 'SALES');
    expect((await myTasks('vic', {})).items).toEqual([]);
  });

  it('keeps timelines for companies and contacts: readable by CRM project members, writable by CRM editors in any CRM project', async () => {
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.example' });
    const logged = await crm.ok('sam', Calls.activities.create, { recordType: 'company', recordId: company.id, kind: 'meeting', subject: 'QBR', at: PAST });
    expect(logged).toMatchObject({ recordType: 'company', recordId: company.id, kind: 'meeting', actorId: USERS.sam });
    // Dana edits CRM records in DEL only: while DEL does not use the CRM, the company's timeline does not exist for her.
    expect(errorOf(await crm.call('dana', Calls.timeline.list, { recordType: 'company', recordId: company.id }, 'DEL')).code).toBe('NOT_FOUND');
    // Once DEL uses the CRM, companies are shared, so she may log on them too.
    await crm.ok('dana', Calls.pipelines.enable, { projectKey: 'DEL' }, 'DEL');
    await crm.ok('dana', Calls.activities.create, { recordType: 'company', recordId: company.id, kind: 'call', subject: 'Support escalation', at: PAST + DAY }, 'DEL');
    const read = await timeline('vic', company.id, {}, 'company');
    // The company's own audit entry (its creation, now) comes first, then the logged entries newest first.
    expect(read.items.map((e) => (e.kind === 'change' ? 'created' : e.subject))).toEqual(['created', 'Support escalation', 'QBR']);

    expect(errorOf(await crm.call('vic', Calls.activities.create, { recordType: 'company', recordId: company.id, kind: 'note', subject: 'Hi' })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('omar', Calls.timeline.list, { recordType: 'company', recordId: company.id })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.activities.update, { activityId: logged.id, version: 1, changes: { subject: 'x' } })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('sam', Calls.activities.create, { recordType: 'company', recordId: 'company-nope', kind: 'note', subject: 'Hi' })).code).toBe('NOT_FOUND');

    const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ada Lovelace', email: 'ada@acme.example', companyId: company.id });
    const task = await crm.ok('sam', Calls.activities.create, { recordType: 'contact', recordId: contact.id, kind: 'task', subject: 'Follow up', dueAt: FUTURE });
    expect((await timeline('vic', contact.id, { kind: 'task' }, 'contact')).items.map((e) => e.id)).toEqual([task.id]);
    expect((await myTasks('sam', {})).items.map((t) => [t.recordType, t.subject])).toEqual([['contact', 'Follow up']]);
    expect(errorOf(await crm.call('sam', Calls.timeline.list, { recordType: 'contact', recordId: 'contact-nope' })).code).toBe('NOT_FOUND');
  });

  it('answers malformed payloads with VALIDATION naming the fields, and stores nothing', async () => {
    const before = (await timeline('sam', deal.id)).items;
    const base = { recordType: 'deal', recordId: deal.id, kind: 'note', subject: 'Fine' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, subject: '   ' }, 'subject'],
      [{ ...base, subject: 'x'.repeat(201) }, 'subject'],
      [{ ...base, body: 'y'.repeat(10_001) }, 'body'],
      [{ ...base, kind: 'sms' }, 'kind'],
      [{ ...base, kind: 'change' }, 'kind'],
      [{ ...base, recordType: 'lead' }, 'recordType'],
      [{ ...base, dueAt: FUTURE }, 'dueAt'],
      [{ ...base, ownerId: USERS.vic }, 'ownerId'],
      [{ ...base, kind: 'task' }, 'dueAt'],
      [{ ...base, kind: 'task', dueAt: '2099-01-01' }, 'dueAt'],
      [{ ...base, at: 1_600_000_000 }, 'at'],
      [{ ...base, actorId: USERS.alice }, ''],
      [{ recordType: 'deal', kind: 'note', subject: 'No record' }, 'recordId'],
    ];
    for (const [payload, path] of cases) {
      const error = errorOf(await crm.call('sam', Calls.activities.create, payload));
      expect(error.code).toBe('VALIDATION');
      expect(error.fields?.map((f) => f.path)).toContain(path);
    }
    const created = await note('sam', 'Kept');
    for (const [payload, path] of [
      [{ activityId: created.id, version: 1, changes: { subject: '' } }, 'changes.subject'],
      [{ activityId: created.id, version: 0, changes: {} }, 'version'],
      [{ activityId: created.id, version: 1, changes: { kind: 'task' } }, 'changes'],
    ] as const) {
      const error = errorOf(await crm.call('sam', Calls.activities.update, payload));
      expect(error.code).toBe('VALIDATION');
      expect(error.fields?.map((f) => f.path)).toContain(path);
    }
    const dueOnNote = errorOf(await crm.call('sam', Calls.activities.update, { activityId: created.id, version: 1, changes: { dueAt: FUTURE } }));
    expect([dueOnNote.code, dueOnNote.fields?.[0]?.path]).toEqual(['VALIDATION', 'dueAt']);
    expect(errorOf(await crm.call('sam', Calls.timeline.list, { recordType: 'deal', recordId: deal.id, limit: 500 })).code).toBe('VALIDATION');
    expect(errorOf(await crm.call('sam', Calls.tasks.mine, { state: 'later' })).code).toBe('VALIDATION');

    const after = (await timeline('sam', deal.id)).items;
    expect(after.filter((e) => e.id !== created.id)).toEqual(before);
    expect(after.find((e) => e.id === created.id)).toMatchObject({ subject: 'Kept', version: 1 });
  });
});
