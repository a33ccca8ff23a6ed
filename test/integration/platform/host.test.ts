import path from 'node:path';
import { kvs } from '@forge/kvs';
import { createSandbox, ManualClock, APP_ACCOUNT_ID, type Sandbox } from '../../../sandbox';

const probeRoot = path.resolve(__dirname, '../../fixtures/probe-app');
const ALICE = '5b10ac8d82e05b22cc7d4ef5';

/** Reads a KVS key as the app would, inside an invocation. */
async function read(sandbox: Sandbox, key: string): Promise<unknown> {
  const { result } = await sandbox.platform.runInvocation({ functionKey: 'test', moduleKey: 'test', kind: 'script', timeoutMs: 5000 }, () => kvs.get(key));
  return result;
}

describe('runtime host (probe app on the sandbox platform)', () => {
  let sandbox: Sandbox;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock();
    sandbox = await createSandbox({ clock, appRoot: probeRoot });
    sandbox.jira.addUser({ accountId: ALICE, displayName: 'Alice Admin', emailAddress: 'alice@example.com' });
    sandbox.jira.addProject({ key: 'DEL', name: 'Delivery', leadAccountId: ALICE });
    sandbox.jira.grant(ALICE, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'DELETE_ISSUES']);
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const page = { moduleKey: 'probe-page', accountId: ALICE, projectKey: 'DEL' };

  it('calls a resolver as Forge does: the user from the invocation, the extension context of the module', async () => {
    const result = (await sandbox.host.invokeResolver(page, 'whoami')) as { accountId: string; extension: { type: string; project: { key: string } } };
    expect(result.accountId).toBe(ALICE);
    expect(result.extension.type).toBe('jira:projectPage');
    expect(result.extension.project.key).toBe('DEL');
  });

  it('records each invocation with its storage and Jira costs', async () => {
    await sandbox.host.invokeResolver(page, 'count');
    const last = sandbox.platform.invocations.at(-1)!;
    expect(last).toMatchObject({ functionKey: 'resolver', moduleKey: 'probe-page', kind: 'resolver', accountId: ALICE, outcome: 'ok' });
    expect(last.cost.storageRequests).toBe(2);
    expect(last.cost.storageByOperation).toEqual({ '/api/v1/get': 1, '/api/v1/set': 1 });
    expect(last.cost.writeUnits).toBe(1);
    await sandbox.host.invokeResolver(page, 'myself');
    expect(sandbox.platform.invocations.at(-1)!.cost.jiraByRoute).toEqual({ 'GET /rest/api/3/myself': 1 });
  });

  it('makes asUser() calls as the invoking user', async () => {
    const result = (await sandbox.host.invokeResolver(page, 'myself')) as { status: number; body: { accountId: string } };
    expect(result.status).toBe(200);
    expect(result.body.accountId).toBe(ALICE);
  });

  it('rejects an invoke whose payload is over 500 KB without running the resolver', async () => {
    const before = sandbox.platform.invocations.length;
    await expect(sandbox.host.invokeResolver(page, 'count', { blob: 'x'.repeat(520 * 1024) })).rejects.toThrow(/at most 512000/);
    expect(sandbox.platform.invocations.length).toBe(before);
  });

  it('surfaces a resolver failure as a rejected invoke and records it', async () => {
    await expect(sandbox.host.invokeResolver(page, 'boom')).rejects.toThrow('probe failure');
    expect(sandbox.platform.invocations.at(-1)!.outcome).toBe('error');
  });

  it('delivers issue events to triggers, but not the app’s own changes when ignoreSelf is set', async () => {
    sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'by a person' });
    sandbox.jira.createIssue(APP_ACCOUNT_ID, { projectKey: 'DEL', issueType: 'Task', summary: 'by the app' });
    await sandbox.host.settle();
    expect(await read(sandbox, 'events')).toEqual([`avi:jira:created:issue:DEL-1:${ALICE}`]);
  });

  it('can deliver events twice and newest first, as the real platform may', async () => {
    sandbox.host.eventDelivery.duplicate = true;
    sandbox.host.eventDelivery.reverseOrder = true;
    const issue = sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'twice' });
    sandbox.jira.editIssue(ALICE, issue.key, { summary: 'renamed' });
    await sandbox.host.settle();
    const events = (await read(sandbox, 'events')) as string[];
    expect(events).toHaveLength(4);
    expect(events[0]).toMatch(/^avi:jira:updated:issue/);
    expect(events[3]).toMatch(/^avi:jira:created:issue/);
  });

  it('runs scheduled triggers on demand, with no user', async () => {
    await expect(sandbox.host.runScheduled('probe-hourly')).resolves.toEqual({ ran: 'probe-hourly' });
    expect(sandbox.platform.invocations.at(-1)).toMatchObject({ kind: 'scheduled', accountId: undefined });
  });

  it('serves web triggers with the request Forge hands over', async () => {
    const answer = await sandbox.host.callWebTrigger('probe-hook', { method: 'POST', headers: { 'Content-Type': ['application/json'] }, body: '{"a":1}' });
    expect(answer.statusCode).toBe(202);
    expect(JSON.parse(answer.body)).toEqual({ got: '{"a":1}', method: 'POST' });
    expect(sandbox.host.webTriggerUrl('probe-hook')).toMatch(/\/x1\/webtrigger\/.+\/probe-hook$/);
  });

  it('answers a static web trigger with the declared output the function names, and 500 for anything else', async () => {
    const call = (body: unknown) => sandbox.host.callWebTrigger('probe-static', { method: 'POST', headers: {}, body: JSON.stringify(body) });
    await expect(call({ outputKey: 'accepted' })).resolves.toEqual({ statusCode: 202, headers: { 'Content-Type': ['application/json'] }, body: '{"ok":true}' });
    await expect(call({ outputKey: 'refused' })).resolves.toEqual({ statusCode: 422, headers: {}, body: '' });
    // A static trigger cannot make up its own answer, nor name an output the manifest does not declare.
    expect((await call({ statusCode: 200 })).statusCode).toBe(500);
    expect((await call({ outputKey: 'nope' })).statusCode).toBe(500);
  });

  it('answers 500 when a dynamic web trigger returns no status code', async () => {
    const answer = await sandbox.host.callWebTrigger('probe-hook', { method: 'DELETE', headers: {}, body: '' });
    expect(answer).toEqual({ statusCode: 500, headers: {}, body: '' });
  });

  it('delivers queue pushes to the consumer, honouring delayInSeconds on the sandbox clock', async () => {
    await sandbox.host.invokeResolver(page, 'enqueue', { bodies: [{ id: 'a' }], delayInSeconds: 60 });
    await sandbox.host.settle();
    expect(await read(sandbox, 'job:a')).toBeUndefined();
    clock.advance(60_000);
    await sandbox.host.settle();
    expect(await read(sandbox, 'job:a')).toEqual(['attempt 0']);
  });

  it('retries an event whose consumer asks for it, after retryAfter, with the retry context', async () => {
    await sandbox.host.invokeResolver(page, 'enqueue', { bodies: [{ id: 'r', failTimes: 2 }] });
    await sandbox.host.settle();
    expect(await read(sandbox, 'job:r')).toEqual(['attempt 0']);
    clock.advance(30_000);
    await sandbox.host.settle();
    clock.advance(30_000);
    await sandbox.host.settle();
    expect(await read(sandbox, 'job:r')).toEqual(['attempt 0', 'attempt 1 (FUNCTION_RETRY_REQUEST)', 'attempt 2 (FUNCTION_RETRY_REQUEST)']);
    expect(sandbox.host.pendingQueueEvents()).toEqual([]);
  });

  it('gives up after four retries and keeps the event as a dead letter', async () => {
    await sandbox.host.invokeResolver(page, 'enqueue', { bodies: [{ id: 'd', failTimes: 99 }] });
    for (let i = 0; i < 6; i++) {
      await sandbox.host.settle();
      clock.advance(30_000);
    }
    expect(((await read(sandbox, 'job:d')) as string[]).length).toBe(5);
    expect(sandbox.host.deadLetters).toEqual([expect.objectContaining({ queueName: 'probe-jobs', body: { id: 'd', failTimes: 99 }, retryCount: 4 })]);
  });

  it('stops a consumer at its time limit and retries it as FUNCTION_TIME_OUT', async () => {
    await sandbox.host.invokeResolver(page, 'enqueue', { bodies: [{ id: 't', sleepMs: 1500 }] });
    await sandbox.host.settle();
    expect(sandbox.platform.invocations.find((i) => i.kind === 'consumer')?.outcome).toBe('timeout');
    expect(sandbox.host.pendingQueueEvents()).toEqual([expect.objectContaining({ retryCount: 1 })]);
  });

  it('answers 429 from Jira when a fault is injected, then recovers', async () => {
    const fault = sandbox.platform.faults.add({ target: 'jira', match: /myself/, status: 429, headers: { 'retry-after': '3' }, times: 1 });
    const first = (await sandbox.host.invokeResolver(page, 'myself')) as { status: number };
    const second = (await sandbox.host.invokeResolver(page, 'myself')) as { status: number };
    expect([first.status, second.status]).toEqual([429, 200]);
    expect(fault.hits()).toBe(1);
  });
});
