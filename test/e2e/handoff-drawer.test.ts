import { DEMO_USERS } from '../../sandbox/demo/seed';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * Issue 12 item 10: the hand-off is easy to follow from the deal. The delivery issue's key in the
 * drawer opens the issue through Jira's router, and the acceptance clock reads as the issue panel's
 * does ("Accept within 32 h · by Dec 3, 5:00 PM"), not as a bare UTC deadline.
 */
const SAM = DEMO_USERS.sam.accountId;

const session = useShellSession({ viewport: { width: 1440, height: 900 }, home: true });

describe('the hand-off in the deal drawer', () => {
  it('links the delivery issue through the router and shows the SLA clock in the issue panel’s form', async () => {
    await session.sandbox.host.settle();
    const won = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: SAM, projectKey: 'SALES' }, 'deals/list', { projectKey: 'SALES', outcome: 'won', limit: 10 })) as { ok: boolean; data: { items: Array<{ id: string; name: string; handoff: { issueKey: string | null } | null }> } };
    const deal = won.data.items.find((d) => d.handoff?.issueKey);
    if (!deal?.handoff?.issueKey) throw new Error('The demo has no won deal with its delivery issue');
    const issueKey = deal.handoff.issueKey;

    await session.signInAs(SAM);
    await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/deals/${deal.id}`);
    const drawer = session.frame('project-page').getByTestId('deal-drawer');
    const sla = drawer.getByTestId('deal-handoff-sla');
    await sla.waitFor(WAIT);
    expect(await sla.innerText()).toMatch(/^(Accept within|Overdue by) \d+ (min|h|d) · (by|was due) [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M$/);

    await drawer.getByRole('button', { name: `Open ${issueKey} in Jira` }).click();
    await session.page.waitForURL(new RegExp(`#/projects/DEL/issues/${issueKey}$`), WAIT);
    await session.page.getByRole('heading', { name: new RegExp(`^${issueKey}`) }).waitFor(WAIT);
  });
});
