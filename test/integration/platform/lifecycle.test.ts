import path from 'node:path';
import { createSandbox, ManualClock, type Sandbox } from '../../../sandbox';

const probeRoot = path.resolve(__dirname, '../../fixtures/lifecycle-probe');
const ALICE = '5b10ac8d82e05b22cc7d4ef1';

type Seen = { event: Record<string, unknown>; jiraStatus: number; stored: string };
const seen = () => ((globalThis as { lifecycleSeen?: Seen[] }).lifecycleSeen ??= []);

/**
 * The sandbox's model of the app's life cycle and license (sandbox/runtime/lifecycle.ts,
 * license.ts), through a probe app that records what Forge hands it.
 */
describe('app life cycle and license (probe app)', () => {
  let sandbox: Sandbox;
  let clock: ManualClock;

  beforeEach(async () => {
    seen().splice(0);
    clock = new ManualClock();
    sandbox = await createSandbox({ clock, appRoot: probeRoot });
    sandbox.jira.addUser({ accountId: ALICE, displayName: 'Alice Admin', locale: 'de_DE' });
    sandbox.jira.addProject({ key: 'DEL', name: 'Delivery', leadAccountId: ALICE });
    sandbox.jira.grant(ALICE, 'DEL', ['BROWSE_PROJECTS']);
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const page = { moduleKey: 'probe-page', accountId: ALICE, projectKey: 'DEL' };

  it('sends the installed event with the documented payload, before the app’s permissions are in effect when asked to', async () => {
    sandbox.host.lifecycle.install({ installerAccountId: ALICE, permissionsAfterMs: 60_000 });
    await sandbox.host.settle();
    const [first] = seen();
    expect(first!.event).toMatchObject({ id: sandbox.platform.app.installationId, installerAccountId: ALICE, app: { version: '1.0.0' }, environment: { id: sandbox.platform.app.environmentId } });
    expect(first!.event).not.toHaveProperty('eventType');
    expect(first!.jiraStatus).toBe(401);
    expect(first!.stored).toMatch(/storage:app/);

    clock.advance(60_000);
    sandbox.host.lifecycle.install({ installerAccountId: ALICE });
    await sandbox.host.settle();
    expect(seen()[1]).toMatchObject({ jiraStatus: 200, stored: 'ok' });
  });

  it('sends the upgraded event for a major version only, with the granted permissions', async () => {
    sandbox.host.lifecycle.upgrade({ upgraderAccountId: ALICE, version: '1.1.0', major: false });
    await sandbox.host.settle();
    expect(seen()).toHaveLength(0);
    expect(sandbox.platform.app.appVersion).toBe('1.1.0');
    sandbox.host.lifecycle.upgrade({ upgraderAccountId: ALICE, version: '2.0.0', major: true });
    await sandbox.host.settle();
    expect(seen()[0]!.event).toMatchObject({ upgraderAccountId: ALICE, app: { version: '2.0.0' }, permissions: { scopes: expect.arrayContaining(['storage:app']) } });
  });

  it('keeps an uninstalled app’s data 28 days: a reinstall within them finds it, one after starts empty', async () => {
    sandbox.host.lifecycle.install({ installerAccountId: ALICE });
    await sandbox.host.settle();
    sandbox.host.lifecycle.uninstall();
    await expect(sandbox.host.invokeResolver(page, 'read', { key: 'event:1.0.0' })).rejects.toThrow(/not installed/);
    clock.advance(27 * 86_400_000);
    sandbox.host.lifecycle.install({ installerAccountId: ALICE });
    await sandbox.host.settle();
    expect(await sandbox.host.invokeResolver(page, 'read', { key: 'event:1.0.0' })).toMatchObject({ value: { event: { installerAccountId: ALICE } } });
    sandbox.host.lifecycle.uninstall();
    clock.advance(29 * 86_400_000);
    sandbox.host.lifecycle.upgrade({ upgraderAccountId: ALICE, version: '1.0.1', major: false });
    sandbox.host.lifecycle.install({ installerAccountId: ALICE });
    await sandbox.host.settle();
    expect(await sandbox.host.invokeResolver(page, 'read', { key: 'event:1.0.0' })).toEqual({ value: null });
    expect(await sandbox.host.invokeResolver(page, 'read', { key: 'event:1.0.1' })).toMatchObject({ value: { event: { app: { version: '1.0.1' } } } });
  });

  it('sends no license for a development install, and the Marketplace’s license once there is one, to the back end and the front end alike', async () => {
    expect(await sandbox.host.invokeResolver(page, 'license')).toEqual({ fromContext: null, fromRuntime: null });
    expect(await sandbox.host.surfaceContext(page)).not.toHaveProperty('license');

    sandbox.platform.licensing.set({ kind: 'evaluation-expired', trialEndDate: '2026-11-30' });
    const expired = (await sandbox.host.invokeResolver(page, 'license')) as { fromContext: Record<string, unknown>; fromRuntime: Record<string, unknown> };
    expect(expired.fromContext).toMatchObject({ isActive: false, isEvaluation: true, trialEndDate: '2026-11-30', type: 'EVALUATION' });
    expect(expired.fromRuntime).toEqual(expired.fromContext);
    expect((await sandbox.host.surfaceContext(page)).license).toMatchObject({ active: false, isEvaluation: true });

    sandbox.platform.licensing.set({ kind: 'active' });
    expect(await sandbox.host.invokeResolver(page, 'license')).toMatchObject({ fromContext: { isActive: true, isEvaluation: false, type: 'COMMERCIAL' } });
  });

  it('hands the front end the user’s Jira language and time zone as Forge does (de_DE → de-DE)', async () => {
    expect(await sandbox.host.surfaceContext(page)).toMatchObject({ locale: 'de-DE', timezone: 'UTC' });
  });
});
