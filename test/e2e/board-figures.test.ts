import { DEMO_USERS } from '../../sandbox/demo/seed';
import type { DealRecord } from '../../src/contracts/deal';
import { convertAvailable } from '../../src/domain/money';
import { formatMoney } from '../../src/domain/money-format';
import { periodOf, isoDateOf } from '../../src/domain/periods';
import { dateRangeText, periodName } from '../../static/src/lib/period-format';
import { matchesFilters } from '../../static/src/project-page/pipeline/board-filters';
import { optionsOf } from '../support/atlaskit';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * The board's figures in Chromium on the demo site with a fiscal year starting in February and no
 * rate for EUR: its period filter names and applies the site's fiscal quarter (the gadget's), and
 * its column totals are one converted figure each, the EUR left out named above the board.
 */
const VIC = DEMO_USERS.vic.accountId;
const ALICE = DEMO_USERS.alice.accountId;
const CALENDAR = { startMonth: 2 };

const session = useShellSession({
  viewport: { width: 1800, height: 1000 },
  async prepare(sandbox) {
    const saved = await sandbox.host.invokeResolver({ moduleKey: 'relay-admin', accountId: ALICE }, 'settings/save-site', { version: 0, reportingCurrency: 'USD', rates: {}, fiscalYearStartMonth: 2, glossaryOverrides: {} });
    expect(saved).toMatchObject({ ok: true });
  },
});

type Board = { columns: Array<{ stageId: string; count: number; amounts: Record<string, number>; deals: DealRecord[] }> };

describe('the board’s figures follow the site’s calendar and rates', () => {
  it('filters this quarter by the fiscal quarter, named with its dates, and converts column totals naming what has no rate', async () => {
    const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: VIC, projectKey: 'SALES' }, 'deals/board', { projectKey: 'SALES' })) as { ok: boolean; data: Board };
    const board = answer.data;
    await session.openAs(VIC, '#/projects/SALES/apps/relay-crm/pipeline?period=this-quarter');
    const frame = session.frame('project-page');
    await frame.getByTestId('pipeline-board').waitFor(WAIT);

    // The option names the fiscal quarter (Nov–Jan, Feb–Apr, …) with its dates, as the gadget does.
    const now = Date.now();
    const quarter = periodOf(isoDateOf(now), 'quarter', CALENDAR);
    const chosen = `This quarter: ${periodName(quarter.key)} (${dateRangeText(quarter.start, quarter.end)})`;
    await frame.getByTestId('filter-period').getByText(chosen, { exact: true }).waitFor(WAIT);
    expect(await optionsOf(frame, 'filter-period')).toContain(chosen);

    // The cards shown are the deals closing in that fiscal quarter.
    const expected = board.columns.flatMap((c) => c.deals).filter((d) => matchesFilters(d, { period: 'this-quarter' }, now, CALENDAR));
    await frame.getByTestId('board-filter-note').getByText(`${expected.length} of`, { exact: false }).waitFor(WAIT);

    // No EUR rate: each column shows one USD total; the EUR is named above the board, not dropped.
    const rates = { reportingCurrency: 'USD', rates: {} };
    let eur = 0;
    for (const column of board.columns) {
      const filtered = column.deals.filter((d) => expected.includes(d));
      const amounts: Record<string, number> = {};
      for (const d of filtered) amounts[d.currency] = (amounts[d.currency] ?? 0) + (d.amountMinor ?? 0);
      const converted = convertAvailable(amounts, rates);
      eur += converted.unconverted.EUR ?? 0;
      const total = frame.getByTestId(`column-total-${column.stageId}`);
      await total.getByText(formatMoney(converted.amountMinor, 'USD'), { exact: false }).waitFor(WAIT);
    }
    if (eur > 0) await frame.getByTestId('board-unconverted').getByText(formatMoney(eur, 'EUR'), { exact: false }).waitFor(WAIT);
  });
});
