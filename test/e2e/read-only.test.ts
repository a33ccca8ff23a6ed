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
    // Two records of one person, made while the license was active: a pair to review, a person to find.
    for (const [name, email] of [['Jane Doe', 'jane.dup@example.com'], ['Jane M. Doe', 'jane.dup+crm@example.com']]) {
      const made = (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: SAM, projectKey: 'SALES' }, 'contacts/create', { name, email })) as { ok: boolean; error?: unknown };
      if (!made.ok) throw new Error(`contacts/create failed: ${JSON.stringify(made.error)}`);
    }
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

  it('offers no merge of duplicates: the pair can be compared, not merged', async () => {
    await session.openAs(SAM, '#/projects/SALES/apps/relay-crm/data-quality');
    const frame = session.frame('project-page');
    const pair = frame.getByTestId('duplicates-contacts').locator('li').filter({ hasText: 'Jane M. Doe' });
    await pair.getByTestId('pair-review').click(WAIT);
    await frame.getByTestId('merge-table').waitFor(WAIT);
    expect(await frame.getByTestId('merge-submit').count()).toBe(0);
  });

  it('lets an admin find and export a person’s data, and offers no erasure (the server would refuse it)', async () => {
    await session.openAs(ALICE, '#/admin/relay-admin');
    const frame = session.frame('admin');
    await frame.getByTestId('privacy-email').fill('jane.dup@example.com', WAIT);
    await frame.getByTestId('privacy-find').click(WAIT);
    await frame.getByTestId('privacy-person').waitFor(WAIT);
    expect(await frame.getByTestId('privacy-json').isVisible()).toBe(true);
    expect(await frame.getByTestId('privacy-erase').count()).toBe(0);
  });
});
