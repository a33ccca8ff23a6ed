/**
 * The bench's closing table: every promised figure (bench/budgets.ts) beside what this run measured,
 * a mark per row, and the exit status. Pure: the figures and the failed steps come in, lines and a
 * status go out (test/unit/bench/verdict.test.ts).
 *
 * A figure the run did not measure is MISSING and fails, as does one no budget list names: a step
 * that broke or timed out cannot pass for a budget kept.
 */
import type { Budget, FigureSpec } from './budgets';

export type Mark = 'pass' | 'FAIL' | 'MISSING' | 'figure only';

export interface Row {
  spec: FigureSpec;
  value: number | null;
  mark: Mark;
  budgetText: string;
}

export interface StepFailure {
  step: string;
  message: string;
}

export interface Verdict {
  rows: Row[];
  failures: StepFailure[];
  broken: number;
  missing: number;
  status: 0 | 1;
}

function within(budget: Budget, value: number, figures: ReadonlyMap<string, number>): boolean {
  switch (budget.kind) {
    case 'max':
      return value <= budget.value;
    case 'min':
      return value >= budget.value;
    case 'exactly':
      return value === budget.value;
    case 'sameAs': {
      const other = figures.get(budget.figure);
      return other !== undefined && value === other;
    }
  }
}

export function formatValue(value: number, unit: string): string {
  if (unit === 'yes/no') return value === 1 ? 'yes' : 'no';
  const digits = Number.isInteger(value) ? 0 : Math.abs(value) < 10 ? 2 : 1;
  return `${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

export function budgetText(budget: Budget | undefined, unit: string, figures: ReadonlyMap<string, number>): string {
  if (!budget) return '';
  switch (budget.kind) {
    case 'max':
      return `≤ ${formatValue(budget.value, unit)}`;
    case 'min':
      return `≥ ${formatValue(budget.value, unit)}`;
    case 'exactly':
      return unit === 'yes/no' ? formatValue(budget.value, unit) : `= ${formatValue(budget.value, unit)}`;
    case 'sameAs': {
      const other = figures.get(budget.figure);
      return `${budget.label}${other === undefined ? ' (not measured)' : ` (${formatValue(other, unit)})`}`;
    }
  }
}

/** Each promised figure against its budget; figures recorded under no promised id fail as unlisted. */
export function judge(specs: readonly FigureSpec[], figures: ReadonlyMap<string, number>, failures: readonly StepFailure[] = []): Verdict {
  const rows: Row[] = specs.map((spec) => {
    const value = figures.get(spec.id);
    const measured = value !== undefined && Number.isFinite(value);
    const mark: Mark = !measured ? 'MISSING' : !spec.budget ? 'figure only' : within(spec.budget, value, figures) ? 'pass' : 'FAIL';
    return { spec, value: measured ? value : null, mark, budgetText: budgetText(spec.budget, spec.unit, figures) };
  });
  const known = new Set(specs.map((s) => s.id));
  for (const [id, value] of figures) {
    if (known.has(id)) continue;
    rows.push({ spec: { id, group: 'Not in bench/budgets.ts', label: id, unit: '' }, value, mark: 'FAIL', budgetText: 'add it to promisedFigures' });
  }
  const broken = rows.filter((r) => r.mark === 'FAIL').length;
  const missing = rows.filter((r) => r.mark === 'MISSING').length;
  return { rows, failures: [...failures], broken, missing, status: broken + missing + failures.length > 0 ? 1 : 0 };
}

/** The table as printed at the end of the bench (and pasted in the README): one line a row, grouped. */
export function renderVerdict(verdict: Verdict): string[] {
  const width = { label: 44, value: 16, budget: 22, mark: 11 };
  const lines: string[] = [];
  const header = `${'figure'.padEnd(width.label)} ${'measured'.padStart(width.value)}  ${'budget'.padEnd(width.budget)} ${'mark'.padEnd(width.mark)} promised in`;
  lines.push(header, '-'.repeat(header.length));
  let group = '';
  for (const row of verdict.rows) {
    if (row.spec.group !== group) {
      group = row.spec.group;
      lines.push(group);
    }
    const value = row.value === null ? '–' : formatValue(row.value, row.spec.unit);
    lines.push(`  ${row.spec.label.padEnd(width.label - 2)} ${value.padStart(width.value)}  ${row.budgetText.padEnd(width.budget)} ${row.mark.padEnd(width.mark)} ${row.spec.source ?? ''}`.trimEnd());
  }
  lines.push('-'.repeat(header.length));
  for (const failure of verdict.failures) lines.push(`STEP FAILED: ${failure.step}: ${failure.message}`);
  const counted = verdict.rows.filter((r) => r.spec.budget).length;
  lines.push(
    verdict.status === 0
      ? `bench: every budget kept (${counted} budgets, ${verdict.rows.length - counted} figures only)`
      : `bench: FAILED — ${verdict.broken} budget(s) broken, ${verdict.missing} figure(s) missing, ${verdict.failures.length} step(s) failed`,
  );
  return lines;
}
