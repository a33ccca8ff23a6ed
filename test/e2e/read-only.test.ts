import { DEMO_USERS } from '../../sandbox/demo/seed';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * An expired license in the browser: every Custom UI surface says Relay is read-only and why, the
 * records stay on screen, and a person who could edit before meets no control that would fail.
 */
const SAM = DEMO_USERS.sam.accountId;
const ALICE = DEMO_USERS.alice.accountId;

const session = useShellSession({
  contexts: 'manual',
  async prepare(sandbox) {
    sandbox.platform.licensing.set({ kind: 'evaluation-expired', trialEndDate: '2026-11-01' });
  },
});

describe('read-only mode in the browser (expired license)', () => {
  it('shows the read-only banner over the board, with the deals still readable', async () => {
    await session.openAs(SAM, '#/projects/SALES/apps/relay-crm/pipeline');
    const frame = session.frame('project-page');
    await frame.getByTestId('read-only-banner').waitFor(WAIT);
    expect(await frame.getByTestId('read-only-banner').textContent()).toMatch(/read-only.*license is not active/s);
    await frame.locator('[data-testid^="column-"][data-stage-name]').first().waitFor(WAIT);
    expect(await frame.locator('[data-testid^="deal-card-"]').count()).toBeGreaterThan(0);
  });

  it('shows it on the admin page too', async () => {
    await session.openAs(ALICE, '#/admin/relay-admin');
    const frame = session.frame('admin');
    await frame.getByTestId('read-only-banner').waitFor(WAIT);
  });
});
