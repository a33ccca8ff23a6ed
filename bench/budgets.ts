/**
 * Every figure `npm run bench` promises, with its budget and where the budget was promised. The bench's
 * closing table (bench/verdict.ts) is this list with the measured values beside it; the bundle test and
 * the README's Performance section read the same numbers. A figure without a budget is printed as
 * "figure only": the issues asked to see it, not to bound it.
 *
 * Budgets:
 *   max / min      the measured value must be ≤ / ≥ the number
 *   exactly        the measured value must equal the number (also yes/no figures: 1 = yes)
 *   sameAs         the measured value must equal another figure's (a cost that must not grow with size)
 */
export type Budget =
  | { kind: 'max'; value: number }
  | { kind: 'min'; value: number }
  | { kind: 'exactly'; value: number }
  | { kind: 'sameAs'; figure: string; label: string };

export interface FigureSpec {
  id: string;
  /** The table's section: a screen, a write, the bundle, a job. */
  group: string;
  label: string;
  /** How the value prints: a unit after the number, or yes/no for 1/0 figures. */
  unit: string;
  budget?: Budget;
  /** Where the budget was promised (an issue, a Forge limit). */
  source?: string;
}

const KB = 1024;

/** Each Custom UI entry's initial JavaScript, gzip (issue 5: project page 250 KB; issue 7: gadgets 150 KB). */
export const PROJECT_PAGE_BUDGET_GZIP = 250 * KB;
/** Each dashboard gadget's initial JavaScript (issue 7). */
export const GADGET_BUDGET_GZIP = 150 * KB;

/**
 * The initial-JavaScript budget (gzip) of every Custom UI entry (issue 12): full pages (project
 * page, project settings, admin page, Get started) 250 KB, dashboard gadgets 150 KB, since a dashboard loads
 * several at once. An entry without a budget here is a failure, not a free pass.
 */
export const ENTRY_BUDGETS_GZIP: Readonly<Record<string, number>> = {
  'project-page.html': PROJECT_PAGE_BUDGET_GZIP,
  'settings.html': PROJECT_PAGE_BUDGET_GZIP,
  'admin.html': PROJECT_PAGE_BUDGET_GZIP,
  'get-started.html': PROJECT_PAGE_BUDGET_GZIP,
  'pipeline-gadget.html': GADGET_BUDGET_GZIP,
  'renewals-gadget.html': GADGET_BUDGET_GZIP,
};

/** Forge's platform limits the bench holds jobs and calls to (shared/FORGE.md). */
export const FORGE = {
  kvsWriteUnitsPerMinute: 4000,
  kvsReadUnitsPerMinute: 4000,
  queuePushesPerMinute: 500,
  consumerMs: 900_000,
  resolverMs: 25_000,
  invokeAnswerKb: 5120,
  functionMemoryMb: 512,
};

/** The board's promises (issue 5), in headless Chromium with 1,000 open deals. */
export const BOARD = { interactiveMedianMs: 1500, keyboardMoveMs: 100, dataInvokes: 1, moveInvokes: 1 };

/** Storage requests of the maintained-totals reads (issue 10: "no dearer than today", at every size). */
export const READS = { totalsStorageRequests: 2, pipelineGadgetStorageRequests: 4 };

/** What the bench runs: sizes come from the same environment variables bench/run.ts reads. */
export interface BenchPlan {
  dealSizes: number[];
  renewalSizes: number[];
  quotaDeals: number;
  imports: boolean;
  ui: boolean;
}

export function planFromEnv(env: NodeJS.ProcessEnv = process.env): BenchPlan {
  const list = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);
  return {
    dealSizes: list(env.BENCH_SIZES, '100,10000,100000'),
    renewalSizes: list(env.BENCH_RENEWALS, '100,10000,50000'),
    quotaDeals: Number(env.BENCH_QUOTA_DEALS ?? 100_000),
    imports: env.BENCH_IMPORTS !== '0',
    ui: env.BENCH_UI !== '0',
  };
}

const size = (n: number) => n.toLocaleString('en');

/** Figure ids, so a bench module and the table cannot spell one differently. */
export const ids = {
  bundle: (entry: string) => `bundle.${entry}`,
  deals: (n: number, what: 'totals' | 'gadget' | 'gadgetOwner' | 'insights' | 'insightsOwner' | 'board' | 'boardQueriesPer100' | 'list' | 'moveTxn' | 'winTxn' | 'totalsAgree') => `deals.${n}.${what}`,
  concurrency: (what: 'internal' | 'conflictsDistinct' | 'totalsAgree') => `concurrency.${what}`,
  handoff: (what: 'winStorage' | 'winJira' | 'jobJira' | 'winToIssueMs' | 'lostAnswerEpics' | 'lostAnswerCreated') => `handoff.${what}`,
  critical: (name: string) => `critical.${name}`,
  imports: (what: 'totalMin' | 'peakWrites' | 'longestMs' | 'countsAddUp' | 'exportLargestKb' | 'exportSlowestMs' | 'exportHeapMb' | 'exportS') => `imports.${what}`,
  leads: (what: 'perMinuteOne' | 'perMinuteBurst' | 'storagePerNewLead' | 'ceilingPerMinute' | 'meteredOnly201or503') => `leads.${what}`,
  snapshot: (what: 'ok' | 'elapsedMs' | 'estimateS') => `snapshot.${what}`,
  renewals: (n: number, what: 'oneEach' | 'failed' | 'slowestMs' | 'peakWrites' | 'peakReads' | 'peakPushes' | 'storagePerContract' | 'gadgetStorage') => `renewals.${n}.${what}`,
  board: (what: 'medianMs' | 'observedMs' | 'moveMs' | 'dataInvokes' | 'moveInvokes') => `board.${what}`,
};

/** The critical-path rows bench/strict.ts measures (issue 14): printed, not bounded. */
export const CRITICAL_PATHS = ['Pipeline board', 'Deals table', 'Companies table', 'Insights', 'Pipeline gadget', 'CRM settings: hand-off', 'Deal panel on an issue (UI Kit)'];
export const CRITICAL_JOBS = ['snapshot + metrics job (demo size)', 'hand-off job (won deal → epic)', 'hourly hand-off SLA scan', 'issue event → hand-off state'];

/** Every row of the closing table, in order, for what this run was asked to measure. */
export function promisedFigures(plan: BenchPlan): FigureSpec[] {
  const rows: FigureSpec[] = [];
  const add = (row: FigureSpec) => rows.push(row);
  const smallest = Math.min(...plan.dealSizes);

  for (const entry of Object.keys(ENTRY_BUDGETS_GZIP).sort()) {
    add({ id: ids.bundle(entry), group: 'Bundle (initial JS per entry)', label: entry.replace(/\.html$/, ''), unit: 'KB gzip', budget: { kind: 'max', value: ENTRY_BUDGETS_GZIP[entry]! / KB }, source: entry.endsWith('-gadget.html') ? 'issue 7' : 'issues 5, 12' });
  }

  for (const n of plan.dealSizes) {
    const g = `Storage requests per screen, ${size(n)} deals`;
    add({ id: ids.deals(n, 'totals'), group: g, label: 'totals read', unit: 'requests', budget: { kind: 'max', value: READS.totalsStorageRequests }, source: 'issues 4, 10' });
    add({ id: ids.deals(n, 'gadget'), group: g, label: 'Pipeline gadget render', unit: 'requests', budget: { kind: 'max', value: READS.pipelineGadgetStorageRequests }, source: 'issues 7, 10' });
    add({ id: ids.deals(n, 'gadgetOwner'), group: g, label: 'Pipeline gadget render, one owner', unit: 'requests', ...(n === smallest ? {} : { budget: { kind: 'sameAs', figure: ids.deals(smallest, 'gadgetOwner'), label: `as at ${size(smallest)}` } as Budget, source: 'issue 7 (flat)' }) });
    add({ id: ids.deals(n, 'insights'), group: g, label: 'Insights metrics read', unit: 'requests', ...(n === smallest ? {} : { budget: { kind: 'sameAs', figure: ids.deals(smallest, 'insights'), label: `as at ${size(smallest)}` } as Budget, source: 'issue 7 (flat)' }) });
    add({ id: ids.deals(n, 'insightsOwner'), group: g, label: 'Insights metrics read, one owner', unit: 'requests', ...(n === smallest ? {} : { budget: { kind: 'sameAs', figure: ids.deals(smallest, 'insightsOwner'), label: `as at ${size(smallest)}` } as Budget, source: 'issue 7 (flat)' }) });
    add({ id: ids.deals(n, 'board'), group: g, label: 'board data (deals/board)', unit: 'requests' });
    add({ id: ids.deals(n, 'boardQueriesPer100'), group: g, label: 'board: entity queries per 100 cards', unit: 'queries', budget: { kind: 'max', value: 1 }, source: 'issue 4' });
    add({ id: ids.deals(n, 'list'), group: g, label: 'deal list page (50)', unit: 'requests' });
    add({ id: ids.deals(n, 'totalsAgree'), group: g, label: 'maintained totals agree with a scan', unit: 'yes/no', budget: { kind: 'exactly', value: 1 }, source: 'issue 4' });
    const w = `Transactions per write, ${size(n)} deals`;
    add({ id: ids.deals(n, 'moveTxn'), group: w, label: 'deal move', unit: 'txn', budget: { kind: 'exactly', value: 1 }, source: 'issue 4' });
    add({ id: ids.deals(n, 'winTxn'), group: w, label: 'deal win', unit: 'txn', budget: { kind: 'exactly', value: 1 }, source: 'issue 4' });
  }

  const c = 'Concurrency (50 writers, one project)';
  add({ id: ids.concurrency('internal'), group: c, label: 'INTERNAL answers', unit: 'answers', budget: { kind: 'exactly', value: 0 }, source: 'issue 10' });
  add({ id: ids.concurrency('conflictsDistinct'), group: c, label: 'CONFLICT between distinct deals', unit: 'answers', budget: { kind: 'exactly', value: 0 }, source: 'issue 10' });
  add({ id: ids.concurrency('totalsAgree'), group: c, label: 'totals equal a recompute', unit: 'yes/no', budget: { kind: 'exactly', value: 1 }, source: 'issue 10' });

  if (plan.ui) {
    const b = 'Board in Chromium (1,000 open deals)';
    add({ id: ids.board('medianMs'), group: b, label: 'navigation → interactive (cards painted), median of 3', unit: 'ms', budget: { kind: 'max', value: BOARD.interactiveMedianMs }, source: 'issue 5' });
    add({ id: ids.board('observedMs'), group: b, label: 'same, as Playwright\'s polling waits see it', unit: 'ms' });
    add({ id: ids.board('dataInvokes'), group: b, label: "invokes for the board's data", unit: 'invokes', budget: { kind: 'exactly', value: BOARD.dataInvokes }, source: 'issue 5' });
    add({ id: ids.board('moveMs'), group: b, label: 'keyboard move → card in next column', unit: 'ms', budget: { kind: 'max', value: BOARD.keyboardMoveMs }, source: 'issue 5' });
    add({ id: ids.board('moveInvokes'), group: b, label: 'invokes per move', unit: 'invokes', budget: { kind: 'exactly', value: BOARD.moveInvokes }, source: 'issue 5' });
  }

  const h = 'Hand-off on won (demo template)';
  add({ id: ids.handoff('winStorage'), group: h, label: 'win: storage requests', unit: 'requests' });
  add({ id: ids.handoff('winJira'), group: h, label: 'win: Jira requests', unit: 'requests' });
  add({ id: ids.handoff('jobJira'), group: h, label: 'delivery issue job: Jira requests', unit: 'requests' });
  add({ id: ids.handoff('winToIssueMs'), group: h, label: 'win → issue created (median, sandbox)', unit: 'ms' });
  add({ id: ids.handoff('lostAnswerEpics'), group: h, label: "epics after a lost create answer", unit: 'epics', budget: { kind: 'exactly', value: 1 }, source: 'issue 10 (exactly once)' });
  add({ id: ids.handoff('lostAnswerCreated'), group: h, label: 'hand-off created after a lost answer', unit: 'yes/no', budget: { kind: 'exactly', value: 1 }, source: 'issue 6' });

  const cp = 'Critical path, estimated production time';
  for (const name of [...CRITICAL_PATHS, ...CRITICAL_JOBS]) add({ id: ids.critical(name), group: cp, label: name, unit: 's' });

  if (plan.imports) {
    const i = 'Import 2,000 + 10,000 + 5,000 rows, export 100,000 deals';
    add({ id: ids.imports('totalMin'), group: i, label: 'import: platform time (paced to quotas)', unit: 'min' });
    add({ id: ids.imports('peakWrites'), group: i, label: 'import: peak write units a minute', unit: 'units', budget: { kind: 'max', value: FORGE.kvsWriteUnitsPerMinute }, source: 'issue 17, Forge' });
    add({ id: ids.imports('longestMs'), group: i, label: 'import: longest job run', unit: 'ms', budget: { kind: 'max', value: FORGE.consumerMs }, source: 'issue 17, Forge' });
    add({ id: ids.imports('countsAddUp'), group: i, label: 'import: every row imported or rejected', unit: 'yes/no', budget: { kind: 'exactly', value: 1 }, source: 'issue 17' });
    add({ id: ids.imports('exportS'), group: i, label: 'export: compute time', unit: 's' });
    add({ id: ids.imports('exportSlowestMs'), group: i, label: 'export: slowest call', unit: 'ms', budget: { kind: 'max', value: FORGE.resolverMs }, source: 'Forge resolver limit' });
    add({ id: ids.imports('exportLargestKb'), group: i, label: 'export: largest answer', unit: 'KB', budget: { kind: 'max', value: FORGE.invokeAnswerKb }, source: 'Forge invoke limit' });
    add({ id: ids.imports('exportHeapMb'), group: i, label: 'export: heap growth', unit: 'MB', budget: { kind: 'max', value: FORGE.functionMemoryMb }, source: 'Forge memory' });
  }

  const l = 'Inbound leads (web trigger)';
  add({ id: ids.leads('perMinuteOne'), group: l, label: 'new leads a minute, one sender', unit: '/min' });
  add({ id: ids.leads('perMinuteBurst'), group: l, label: 'new leads a minute, 20 at once', unit: '/min' });
  add({ id: ids.leads('storagePerNewLead'), group: l, label: 'storage requests per new lead', unit: 'requests' });
  add({ id: ids.leads('ceilingPerMinute'), group: l, label: "ceiling under Forge's storage quota", unit: '/min' });
  add({ id: ids.leads('meteredOnly201or503'), group: l, label: 'over quota: only 201 or 503 BUSY', unit: 'yes/no', budget: { kind: 'exactly', value: 1 }, source: 'issue 16' });

  for (const n of plan.renewalSizes) {
    const r = `Renewal scan, ${size(n)} contracts all due`;
    add({ id: ids.renewals(n, 'oneEach'), group: r, label: 'one renewal per contract', unit: 'yes/no', budget: { kind: 'exactly', value: 1 }, source: 'issue 15' });
    add({ id: ids.renewals(n, 'failed'), group: r, label: 'failed invocations', unit: 'runs', budget: { kind: 'exactly', value: 0 }, source: 'issue 15' });
    add({ id: ids.renewals(n, 'slowestMs'), group: r, label: 'slowest invocation', unit: 'ms', budget: { kind: 'max', value: FORGE.consumerMs }, source: 'issue 15, Forge' });
    add({ id: ids.renewals(n, 'peakWrites'), group: r, label: 'peak write units a minute', unit: 'units', budget: { kind: 'max', value: FORGE.kvsWriteUnitsPerMinute }, source: 'issue 15, Forge' });
    add({ id: ids.renewals(n, 'peakReads'), group: r, label: 'peak read units a minute', unit: 'units', budget: { kind: 'max', value: FORGE.kvsReadUnitsPerMinute }, source: 'Forge' });
    add({ id: ids.renewals(n, 'peakPushes'), group: r, label: 'peak queue pushes a minute', unit: 'pushes', budget: { kind: 'max', value: FORGE.queuePushesPerMinute }, source: 'Forge' });
    add({ id: ids.renewals(n, 'storagePerContract'), group: r, label: 'storage requests per contract', unit: 'requests' });
    const first = Math.min(...plan.renewalSizes);
    add({ id: ids.renewals(n, 'gadgetStorage'), group: r, label: 'Renewals gadget render', unit: 'requests', ...(n === first ? {} : { budget: { kind: 'sameAs', figure: ids.renewals(first, 'gadgetStorage'), label: `as at ${size(first)}` } as Budget, source: 'issue 15 (constant)' }) });
  }

  if (plan.quotaDeals > 0) {
    const s = `Snapshot job, ${size(plan.quotaDeals)} deals, quotas metered`;
    add({ id: ids.snapshot('ok'), group: s, label: 'job finished ok', unit: 'yes/no', budget: { kind: 'exactly', value: 1 }, source: 'issue 7' });
    add({ id: ids.snapshot('elapsedMs'), group: s, label: 'job run time (this machine)', unit: 'ms', budget: { kind: 'max', value: FORGE.consumerMs }, source: 'issue 7, Forge' });
    add({ id: ids.snapshot('estimateS'), group: s, label: 'estimated production round trips', unit: 's' });
  }
  return rows;
}
