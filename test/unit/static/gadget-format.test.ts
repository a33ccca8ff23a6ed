import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { GLOSSARY } from '../../../src/domain/glossary';
import { asOfLines, boardFilters, boardLocation, definitionOf, forecastBar, formatCoverage, formatPercent, formatPercentPoints, funnelRows, PROJECT_PAGE_MODULE } from '../../../static/src/lib/gadget-format';
import { parseFilters } from '../../../static/src/project-page/pipeline/board-filters';

const zero = { count: 0, amountMinor: 0 };
const forecast = (amounts: Partial<Record<'closed' | 'commit' | 'best_case' | 'pipeline' | 'omitted', number>>) => ({
  closed: { ...zero, amountMinor: amounts.closed ?? 0 },
  commit: { ...zero, amountMinor: amounts.commit ?? 0 },
  best_case: { ...zero, amountMinor: amounts.best_case ?? 0 },
  pipeline: { ...zero, amountMinor: amounts.pipeline ?? 0 },
  omitted: { ...zero, amountMinor: amounts.omitted ?? 0 },
});

describe('gadget number formats', () => {
  it('writes ratios as percentages, coverage as a multiple, and nothing-to-divide as the dash', () => {
    expect(formatPercent(1 / 3, '—')).toBe('33.3%');
    expect(formatPercent(null, '—')).toBe('—');
    expect(formatPercentPoints(69.2307, '—')).toBe('69.2%');
    expect(formatCoverage(3.2, '—')).toBe('3.2x');
    expect(formatCoverage(0.9625, '—')).toBe('0.96x');
    expect(formatCoverage(null, '—')).toBe('—');
  });

  it('falls back to Relay’s definition when the site’s glossary lacks a term', () => {
    expect(definitionOf({ winRate: 'Ours.' }, 'winRate')).toBe('Ours.');
    expect(definitionOf({ winRate: '  ' }, 'winRate')).toBe(GLOSSARY.winRate);
    expect(definitionOf({}, 'velocity')).toBe(GLOSSARY.velocity);
  });
});

describe('the forecast bar', () => {
  it('stacks Closed, Commit, Best case and Pipeline on the target’s scale, leaving Omitted out', () => {
    const bar = forecastBar(forecast({ closed: 200, commit: 100, best_case: 50, pipeline: 50, omitted: 999 }), 800);
    expect(bar.totalMinor).toBe(400);
    expect(bar.segments.map((s) => [s.category, s.start, s.width])).toEqual([
      ['closed', 0, 0.25],
      ['commit', 0.25, 0.125],
      ['best_case', 0.375, 0.0625],
      ['pipeline', 0.4375, 0.0625],
    ]);
    expect(bar.targetAt).toBe(1);
  });

  it('scales to the stack when it passes the target, so the line sits inside it', () => {
    const bar = forecastBar(forecast({ closed: 300, commit: 100 }), 200);
    expect(bar.segments[0]?.width).toBe(0.75);
    expect(bar.targetAt).toBe(0.5);
  });

  it('draws no target line without a target, and an empty bar without amounts', () => {
    expect(forecastBar(forecast({ closed: 10 }), null).targetAt).toBeNull();
    const empty = forecastBar(forecast({}), null);
    expect(empty.segments.every((s) => s.width === 0)).toBe(true);
    expect(empty.targetAt).toBeNull();
  });
});

describe('the stage funnel', () => {
  it('sizes stages by deal count against the fullest stage, keeping pipeline order', () => {
    const none = { amountMinor: 0, currency: 'USD', parts: [], unconverted: {} };
    const rows = funnelRows([
      { stageId: 'a', name: 'Qualify', count: 4, amount: { ...none, amountMinor: 41, parts: [{ currency: 'EUR', amountMinor: 10, convertedMinor: 11 }, { currency: 'USD', amountMinor: 30, convertedMinor: 30 }] } },
      { stageId: 'b', name: 'Propose', count: 2, amount: none },
      { stageId: 'c', name: 'Close', count: 0, amount: none },
    ]);
    expect(rows.map((r) => [r.stageId, r.width])).toEqual([
      ['a', 1],
      ['b', 0.5],
      ['c', 0],
    ]);
    expect(rows[0]?.amount.amountMinor).toBe(41);
    expect(funnelRows([{ stageId: 'x', name: 'X', count: 0, amount: none }])[0]?.width).toBe(0);
  });
});

describe('the click-through to the board', () => {
  it('names the project page module that manifest.yml declares', () => {
    const manifest = parse(readFileSync(path.resolve(__dirname, '../../../manifest.yml'), 'utf8')) as { modules: Record<string, Array<{ key: string }>> };
    expect(manifest.modules['jira:projectPage']?.map((m) => m.key)).toContain(PROJECT_PAGE_MODULE);
  });

  it('opens the board filtered to the period’s close dates and the segment, in the board’s own query format', () => {
    const filters = boardFilters({ period: 'quarter', segment: { dimension: 'owner', value: 'acc-1' } }, { start: '2026-10-01', end: '2026-12-31' });
    const location = boardLocation('SALES', filters);
    expect(location).toEqual({ target: 'module', moduleKey: 'relay-crm', projectKey: 'SALES', path: '/pipeline?owner=acc-1&period=custom&from=2026-10-01&to=2026-12-31' });
    expect(parseFilters(new URL(location.path, 'https://relay.example').search)).toEqual({ owner: 'acc-1', period: 'custom', from: '2026-10-01', to: '2026-12-31' });
  });

  it('uses the named quarter before the first snapshot, and drops a region the board cannot filter', () => {
    expect(boardFilters({ period: 'next-quarter', segment: { dimension: 'region', value: 'EMEA' } }, null)).toEqual({ period: 'next-quarter' });
    expect(boardFilters({ period: 'month' }, null)).toEqual({});
    expect(boardFilters({ period: 'quarter', segment: { dimension: 'segment', value: 'enterprise' } }, null)).toEqual({ period: 'this-quarter', segment: 'enterprise' });
    expect(boardFilters({ period: 'quarter', segment: { dimension: 'source', value: 'inbound' } }, null)).toEqual({ period: 'this-quarter', source: 'inbound' });
  });
});

describe('the “as of” lines of a gadget combining projects', () => {
  const format = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  const at = Date.UTC(2026, 9, 5, 6, 0);

  it('says one time when every project reads the same once formatted', () => {
    const lines = asOfLines(
      [
        { projectName: 'Sales', computedAt: at },
        { projectName: 'Delivery', computedAt: at + 20_000 },
      ],
      format,
    );
    expect(lines).toEqual([{ projectName: null, time: '2026-10-05T06:00' }]);
    expect(asOfLines([{ projectName: 'Sales', computedAt: at }], format)).toEqual([{ projectName: null, time: '2026-10-05T06:00' }]);
  });

  it('says the time per project when they differ, and leaves out projects without numbers', () => {
    const lines = asOfLines(
      [
        { projectName: 'Sales', computedAt: at },
        { projectName: 'Delivery', computedAt: at + 3_600_000 },
        { projectName: 'Customer Success', computedAt: null },
      ],
      format,
    );
    expect(lines).toEqual([
      { projectName: 'Sales', time: '2026-10-05T06:00' },
      { projectName: 'Delivery', time: '2026-10-05T07:00' },
    ]);
    expect(asOfLines([{ projectName: 'Sales', computedAt: null }], format)).toEqual([]);
  });
});
