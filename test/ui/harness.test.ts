import path from 'node:path';
import { createSandbox, ManualClock, type Sandbox } from '../../sandbox';
import { renderUiKitSurface, type UiKitSession } from '../../sandbox/uikit/session';

/**
 * The UI Kit harness itself, on a probe surface (test/ui/fixtures/uikit-probe) that uses fields,
 * flags, product events, a failing resolver, a table and links.
 */
const probeRoot = path.resolve(__dirname, 'fixtures/uikit-probe');
const ALICE = '5b10ac8d82e05b22cc7d4ef5';

describe('UI Kit harness', () => {
  let sandbox: Sandbox;
  let probe: UiKitSession;

  beforeEach(async () => {
    sandbox = await createSandbox({ clock: new ManualClock(), appRoot: probeRoot });
    probe = await renderUiKitSurface({ host: sandbox.host, target: { moduleKey: 'probe-panel', accountId: ALICE } });
    await probe.settle();
  });

  afterEach(async () => {
    await probe.close();
    await sandbox.close();
  });

  it('types into a field found by its Label, and flips a toggle found by its label', async () => {
    await probe.setValue('Words', 'hello there');
    expect(probe.text()).toContain('Typed: hello there');
    expect(probe.get({ type: 'Textfield' }).props.value).toBe('hello there');
    await probe.setValue('Loud', true);
    expect(probe.get({ type: 'Toggle' }).props.isChecked).toBe(true);
  });

  it('invokes the resolver as the session user and records the flag the surface shows', async () => {
    await probe.setValue('Words', 'ship it');
    await probe.setValue('Loud', true);
    await probe.press('Send');
    expect(probe.text()).toContain(`Reply: SHIP IT (${ALICE})`);
    expect(probe.flags).toEqual([{ id: 'sent', title: 'Sent', type: 'success', isAutoDismiss: true, closed: false }]);
  });

  it('rejects invoke like Forge when the resolver throws, and the surface sees the reason', async () => {
    await probe.press('Break');
    expect(probe.text()).toMatch(/Failure: There was an error invoking the function - .*kaput/);
    expect(probe.calls.find((c) => c.command === 'invoke' && (c.payload as { functionKey: string }).functionKey === 'boom')?.outcome).toBe('rejected');
    expect(sandbox.platform.invocations.at(-1)?.outcome).toBe('error');
  });

  it('answers requestJira as the session user, outside any app invocation', async () => {
    sandbox.jira.addUser({ accountId: ALICE, displayName: 'Alice' });
    const invocations = sandbox.platform.invocations.length;
    await probe.press('Who am I');
    expect(probe.text()).toContain(`Myself: 200 ${ALICE}`);
    expect(probe.calls.find((c) => c.command === 'fetchProduct')).toMatchObject({ payload: { product: 'jira', restPath: '/rest/api/3/myself' }, outcome: 'resolved' });
    expect(sandbox.platform.invocations.length).toBe(invocations);
  });

  it('refuses to press a disabled button', async () => {
    await expect(probe.press('Locked')).rejects.toMatchObject({ code: 'DISABLED' });
    expect(probe.text()).not.toContain('should not happen');
  });

  it('names what is missing when a query finds nothing', async () => {
    await expect(probe.press('Launch')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(probe.setValue('Colour', 'red')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(probe.waitFor('Never shown', { timeoutMs: 50 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(probe.press({ type: 'Text', text: 'Typed:' })).rejects.toMatchObject({ code: 'NO_HANDLER' });
  });

  it('delivers product events to events.on subscribers', async () => {
    await probe.dispatch('JIRA_ISSUE_CHANGED', { issueId: '10042' });
    expect(probe.text()).toContain('Issue changed: 10042');
  });

  it('presses a node taken from an older tree through its current handler', async () => {
    const send = probe.get({ type: 'Button', text: 'Send' });
    await probe.setValue('Words', 'later');
    await probe.press(send);
    expect(probe.text()).toContain('Reply: later');
  });

  it('calls any handler prop with emit', async () => {
    await probe.emit({ type: 'Textfield' }, 'onChange', { target: { value: 'via emit' } });
    expect(probe.text()).toContain('Typed: via emit');
  });

  it('previews tables, escapes text and drops unsafe link schemes', async () => {
    const html = probe.html();
    expect(html).toContain('&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;');
    expect(html).not.toContain('<b>Tom');
    expect(html).not.toContain('javascript:');
    expect(html).toMatch(/<a data-forge-type="Link" data-forge-key="[^"]+" href="#">Bad link<\/a>/);
    expect(html).toContain('href="https://example.com/a?b=1&amp;c=2"');
    expect(html).toContain('<caption>Deals</caption>');
    expect(html).toMatch(/<thead><tr><th[^>]*>Name<\/th><th[^>]*>Amount<\/th><\/tr><\/thead>/);
    expect(html).toMatch(/<tbody><tr[^>]*><td[^>]*>Acme<\/td><td[^>]*>1,000<\/td><\/tr><\/tbody>/);
  });
});
