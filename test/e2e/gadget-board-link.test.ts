import { DEMO_USERS } from '../../sandbox/demo/seed';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * Issue 12 item 2: "Open the board" on the Pipeline gadget goes through the platform's router to the
 * CRM project page (Forge's `router.navigate` with a module location), so the dashboard is replaced
 * by the board filtered to the gadget's period, never by a raw response of the server.
 */
const SAM = DEMO_USERS.sam.accountId;

const session = useShellSession({ viewport: { width: 1440, height: 900 }, home: true });

describe('from the Pipeline gadget to the board', () => {
  it('opens the SALES board filtered to the gadget’s period through the router, and Back returns to the dashboard', async () => {
    await session.signInAs(SAM);
    await session.page.getByTestId('nav-dashboard').click();
    await session.openGadgetSettings('relay-pipeline-gadget');
    const gadget = session.frame('gadget-relay-pipeline-gadget');
    const sales = gadget.locator('input[type="checkbox"][name="projectKeys"][value="SALES"]');
    await sales.waitFor(WAIT);
    await sales.check();
    await gadget.getByRole('button', { name: 'Save' }).click();
    await gadget.getByTestId('open-board').waitFor(WAIT);
    const dashboardUrl = session.page.url();

    await gadget.getByTestId('open-board').click();
    await session.page.waitForURL(/#\/projects\/SALES\/apps\/relay-crm\/pipeline\?period=(this-quarter|next-quarter|custom)/, WAIT);
    const board = session.frame('project-page');
    await board.getByTestId('pipeline-board').waitFor(WAIT);
    // The filters came along: the board's own filter bar shows the gadget's close period.
    expect(await board.getByTestId('filter-period').innerText()).toMatch(/This quarter|Next quarter|Custom range/);
    expect(await session.page.locator('body').innerText()).not.toContain('"code"');

    await session.page.goBack();
    await session.page.waitForURL(dashboardUrl, WAIT);
    await session.frame('gadget-relay-pipeline-gadget').getByTestId('open-board').waitFor(WAIT);
  });
});
