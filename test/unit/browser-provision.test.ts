import { browserPlan, type Machine } from '../../scripts/browser-provision';

/**
 * `npm test` provisions its browser (issue 12, item 14): uses the one that is there, installs
 * Debian's Chromium when the machine allows it, and otherwise stops with the one command to run.
 */
const machine = (overrides: Partial<Machine>): Machine => ({
  chromiumPath: '/usr/bin/chromium',
  chromiumPresent: false,
  pathFromEnvironment: false,
  isRoot: false,
  passwordlessSudo: false,
  aptAvailable: true,
  ...overrides,
});

describe('the browser npm test provisions', () => {
  it('uses the Chromium that is there, whoever runs the tests', () => {
    expect(browserPlan(machine({ chromiumPresent: true }))).toEqual({ action: 'ready', chromiumPath: '/usr/bin/chromium' });
    expect(browserPlan(machine({ chromiumPresent: true, chromiumPath: '/opt/chromium', pathFromEnvironment: true }))).toEqual({ action: 'ready', chromiumPath: '/opt/chromium' });
  });

  it('installs Debian’s Chromium with apt-get as root, and through sudo without a password otherwise', () => {
    expect(browserPlan(machine({ isRoot: true }))).toEqual({
      action: 'install',
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'],
      ],
    });
    const viaSudo = browserPlan(machine({ passwordlessSudo: true }));
    expect(viaSudo.action).toBe('install');
    if (viaSudo.action === 'install') expect(viaSudo.commands.every((c) => c[0] === 'sudo' && c[1] === '-n')).toBe(true);
  });

  it('stops with the one command to run when it may not install', () => {
    const plan = browserPlan(machine({}));
    expect(plan.action).toBe('stop');
    if (plan.action === 'stop') expect(plan.message).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core');
  });

  it('never installs over a CHROMIUM_PATH that points nowhere, and says what to do without apt-get', () => {
    const wrongPath = browserPlan(machine({ isRoot: true, pathFromEnvironment: true, chromiumPath: '/nope/chromium' }));
    expect(wrongPath).toMatchObject({ action: 'stop', message: expect.stringContaining('/nope/chromium') });
    expect(browserPlan(machine({ isRoot: true, aptAvailable: false }))).toMatchObject({ action: 'stop', message: expect.stringContaining('CHROMIUM_PATH=/path/to/chromium npm test') });
  });
});
