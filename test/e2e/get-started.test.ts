import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { ARTIFACTS, useShellSession, WAIT } from '../support/shell-session';

/**
 * What an admin meets on Get started right after installing Relay on a fresh site: the steps in
 * order, what is detected, and each step's button opening where it is done.
 */
const ALICE = DEMO_USERS.alice.accountId;

const session = useShellSession({ contexts: 'manual', fresh: true, viewport: { width: 1280, height: 1100 } });

describe('Get started on a freshly installed site', () => {
  it('lists the six steps with what is detected, and opens where each is done', async () => {
    await session.openAs(ALICE, '#/admin/relay-get-started');
    const frame = session.frame('admin');
    await frame.getByTestId('setup-progress').waitFor(WAIT);
    const steps = await frame.locator('[data-testid^="setup-step-"]').evaluateAll((items) =>
      items.map((item) => ({ id: item.getAttribute('data-testid')!.replace('setup-step-', ''), state: item.getAttribute('data-state'), text: (item.textContent ?? '').replace(/\s+/g, ' ').trim() })),
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    await session.page.screenshot({ path: path.join(ARTIFACTS, 'get-started-fresh.png'), fullPage: true });
    console.info(['Get started on a fresh sandbox:', await frame.getByTestId('setup-progress').textContent(), ...steps.map((s, i) => `${i + 1}. [${s.state}] ${s.text}`)].join('\n'));
    expect(steps.map((s) => s.id)).toEqual(['crm-enabled', 'edit-permission', 'handoff-template', 'exchange-rates', 'inbound-leads', 'gadgets']);
    expect(steps.find((s) => s.id === 'inbound-leads')!.state).toBe('todo');
    expect(steps.find((s) => s.id === 'crm-enabled')!.state).toBe('todo');

    // The first step's button opens the projects list (no CRM project yet); the rates step opens site settings.
    await frame.getByTestId('setup-action-exchange-rates').click();
    await session.page.waitForURL(/#\/admin\/relay-admin/, WAIT);
  });
});
