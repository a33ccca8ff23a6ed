import { kvs } from '@forge/kvs';
import { createSandbox, ManualClock, type Sandbox } from '../../../sandbox';

/**
 * The real Relay app (manifest.yml, src/index.ts) on the sandbox: its one resolver function answers
 * `system/status` through the real @forge/resolver and @forge/kvs, with the context Forge gives it.
 */
const SAM = '5b10ac8d82e05b22cc7d4ef2';
const OMAR = '5b10ac8d82e05b22cc7d4ef5';

describe('Relay resolver on the sandbox', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await createSandbox({ clock: new ManualClock() });
    sandbox.jira.addUser({ accountId: SAM, displayName: 'Sam Seller' });
    sandbox.jira.addUser({ accountId: OMAR, displayName: 'Omar Outsider' });
    sandbox.jira.addProject({ key: 'SALES', name: 'Sales', leadAccountId: SAM });
    sandbox.jira.grant(SAM, 'SALES', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const page = { moduleKey: 'relay-crm', accountId: SAM, projectKey: 'SALES' };

  it('answers system/status with the invoking user and the surface it was called from', async () => {
    const answer = await sandbox.host.invokeResolver(page, 'system/status', {});
    expect(answer).toMatchObject({ ok: true, data: { app: 'relay', accountId: SAM, moduleKey: 'relay-crm', projectKey: 'SALES', issueKey: null } });
  });

  it('creates the install record once, and later calls read the same one', async () => {
    const first = (await sandbox.host.invokeResolver(page, 'system/status', {})) as { data: { installedAt: number } };
    const second = (await sandbox.host.invokeResolver({ ...page, accountId: OMAR }, 'system/status', {})) as { data: { installedAt: number } };
    expect(second.data.installedAt).toBe(first.data.installedAt);
    const { result } = await sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', timeoutMs: 5000 }, () => kvs.get('site:install'));
    expect(result).toEqual({ schemaVersion: 1, installedAt: first.data.installedAt });
    // The second call found the record: one read, no write.
    expect(sandbox.platform.invocations.filter((i) => i.kind === 'resolver').map((i) => i.cost.storageByOperation)).toEqual([
      { '/api/v1/get': 1, '/api/v1/set': 1 },
      { '/api/v1/get': 1 },
    ]);
  });

  it('refuses a payload its schema does not allow, with the fields at fault, and stores nothing', async () => {
    const answer = await sandbox.host.invokeResolver(page, 'system/status', { surprise: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((answer as { error: { fields: Array<{ message: string }> } }).error.fields.length).toBeGreaterThan(0);
    expect(sandbox.platform.invocations.at(-1)!.cost.storageRequests).toBe(0);
  });

  it('turns a storage failure into an INTERNAL error without leaking its detail', async () => {
    sandbox.platform.faults.add({ target: 'kvs', status: 500, times: 3 });
    const answer = await sandbox.host.invokeResolver(page, 'system/status', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toMatch(/500|kvs|storage/i);
  });
});
