import { ENTRY_BUDGETS_GZIP, ids, planFromEnv, promisedFigures, type FigureSpec } from '../../../bench/budgets';
import { pollUntil, TimeoutError, withTimeout } from '../../../bench/figures';
import { judge, renderVerdict } from '../../../bench/verdict';

/** The bench's closing table (bench/verdict.ts): what passes, what fails, and the exit status it gives. */
const specs: FigureSpec[] = [
  { id: 'totals', group: 'Reads', label: 'totals read', unit: 'requests', budget: { kind: 'max', value: 2 }, source: 'issue 10' },
  { id: 'move', group: 'Writes', label: 'deal move', unit: 'txn', budget: { kind: 'exactly', value: 1 }, source: 'issue 4' },
  { id: 'agree', group: 'Writes', label: 'totals agree', unit: 'yes/no', budget: { kind: 'exactly', value: 1 } },
  { id: 'leads', group: 'Leads', label: 'leads a minute', unit: '/min' },
  { id: 'gadget.100', group: 'Gadget', label: 'render at 100', unit: 'requests' },
  { id: 'gadget.100000', group: 'Gadget', label: 'render at 100,000', unit: 'requests', budget: { kind: 'sameAs', figure: 'gadget.100', label: 'as at 100' } },
];
const good = (): Map<string, number> => new Map([['totals', 2], ['move', 1], ['agree', 1], ['leads', 4200], ['gadget.100', 4], ['gadget.100000', 4]]);

describe('the bench verdict', () => {
  it('passes when every figure is measured and within its budget, and shows figures without one as figures only', () => {
    const verdict = judge(specs, good());
    expect(verdict.rows.map((r) => r.mark)).toEqual(['pass', 'pass', 'pass', 'figure only', 'figure only', 'pass']);
    expect(verdict.status).toBe(0);
    expect(renderVerdict(verdict).at(-1)).toBe('bench: every budget kept (4 budgets, 2 figures only)');
  });

  it('fails a broken budget with a non-zero status, after naming it in the table', () => {
    const figures = good();
    figures.set('totals', 3);
    const verdict = judge(specs, figures);
    expect(verdict.rows.find((r) => r.spec.id === 'totals')?.mark).toBe('FAIL');
    expect(verdict.status).toBe(1);
    const lines = renderVerdict(verdict);
    expect(lines.find((l) => l.includes('totals read'))).toMatch(/3 requests\s+≤ 2 requests\s+FAIL\s+issue 10/);
    expect(lines.at(-1)).toBe('bench: FAILED — 1 budget(s) broken, 0 figure(s) missing, 0 step(s) failed');
  });

  it('reports a figure the run did not measure as missing and failing, never as passed (with or without a budget)', () => {
    for (const id of ['move', 'leads']) {
      const figures = good();
      figures.delete(id);
      const verdict = judge(specs, figures);
      expect(verdict.rows.find((r) => r.spec.id === id)?.mark).toBe('MISSING');
      expect(verdict.status).toBe(1);
    }
    const figures = good();
    figures.set('move', Number.NaN);
    expect(judge(specs, figures).rows.find((r) => r.spec.id === 'move')?.mark).toBe('MISSING');
  });

  it('fails a yes/no promise answered no, and prints it as no', () => {
    const figures = good();
    figures.set('agree', 0);
    const verdict = judge(specs, figures);
    expect(verdict.status).toBe(1);
    expect(renderVerdict(verdict).find((l) => l.includes('totals agree'))).toMatch(/no\s+yes\s+FAIL/);
  });

  it('holds a cost that must not grow to the smaller size’s figure, and fails it when that one is missing', () => {
    const grown = good();
    grown.set('gadget.100000', 5);
    expect(judge(specs, grown).rows.at(-1)?.mark).toBe('FAIL');
    const noReference = good();
    noReference.delete('gadget.100');
    const verdict = judge(specs, noReference);
    expect(verdict.rows.at(-1)?.mark).toBe('FAIL');
    expect(verdict.rows.at(-1)?.budgetText).toBe('as at 100 (not measured)');
  });

  it('fails the run when a step failed or timed out, even with every budget kept, and names the step', () => {
    const verdict = judge(specs, good(), [{ step: 'pipeline board in Chromium', message: 'timed out after 10 min' }]);
    expect(verdict.status).toBe(1);
    expect(renderVerdict(verdict)).toContain('STEP FAILED: pipeline board in Chromium: timed out after 10 min');
  });

  it('fails a figure recorded under an id no budget list names', () => {
    const figures = good();
    figures.set('typo.totals', 2);
    const verdict = judge(specs, figures);
    expect(verdict.rows.at(-1)).toMatchObject({ mark: 'FAIL', spec: { id: 'typo.totals' } });
    expect(verdict.status).toBe(1);
  });
});

describe('the promised figures', () => {
  it('list every Custom UI entry with the budget the bundle test holds it to, once each', () => {
    const rows = promisedFigures(planFromEnv({}));
    for (const [entry, bytes] of Object.entries(ENTRY_BUDGETS_GZIP)) expect(rows.find((r) => r.id === ids.bundle(entry))?.budget).toEqual({ kind: 'max', value: bytes / 1024 });
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('follow the sizes the run was asked for, and leave out the sections it was told to skip', () => {
    const all = promisedFigures(planFromEnv({}));
    expect(all.some((r) => r.id === ids.deals(100_000, 'totals'))).toBe(true);
    expect(all.some((r) => r.id === ids.board('medianMs'))).toBe(true);
    const small = promisedFigures(planFromEnv({ BENCH_SIZES: '100', BENCH_RENEWALS: '50', BENCH_UI: '0', BENCH_IMPORTS: '0', BENCH_QUOTA_DEALS: '0' }));
    expect(small.some((r) => r.id === ids.deals(100_000, 'totals'))).toBe(false);
    expect(small.some((r) => r.id === ids.deals(100, 'totals'))).toBe(true);
    expect(small.some((r) => r.id.startsWith('board.') || r.id.startsWith('imports.') || r.id.startsWith('snapshot.'))).toBe(false);
    expect(small.some((r) => r.id === ids.renewals(50, 'gadgetStorage'))).toBe(true);
  });

  it('hold the board to the promises of issue 5: a median of at most 1,500 ms and one invoke', () => {
    const rows = promisedFigures(planFromEnv({}));
    expect(rows.find((r) => r.id === ids.board('medianMs'))?.budget).toEqual({ kind: 'max', value: 1500 });
    expect(rows.find((r) => r.id === ids.board('dataInvokes'))?.budget).toEqual({ kind: 'exactly', value: 1 });
  });
});

describe('the bench steps', () => {
  it('fail after their time limit, naming what they waited for', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withTimeout(never, 20, 'the card in the next column')).rejects.toThrow(new TimeoutError('timed out after 20 ms waiting for the card in the next column'));
    await expect(withTimeout(Promise.resolve(7), 1000, 'nothing')).resolves.toBe(7);
  });

  it('stop polling after the attempts given and say what they last saw', async () => {
    let checks = 0;
    const stuck = pollUntil('the import to end', 3, async () => ({ done: false, value: null, seen: `running ${++checks}` }), () => undefined);
    await expect(stuck).rejects.toThrow('gave up waiting for the import to end after 3 checks (last seen: running 3)');
    let n = 0;
    await expect(pollUntil('n to reach 2', 5, async () => ({ done: ++n === 2, value: n }), () => undefined)).resolves.toBe(2);
  });
});
