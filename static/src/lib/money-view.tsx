import type { ReactNode } from 'react';
import type { ConvertedTotal } from '../../../src/domain/money';
import { formatMoney } from '../../../src/domain/money-format';
import { breakdownLines, unconvertedWarning } from './money-text';
import { Defined } from './tip';

/**
 * A converted total as every surface shows it: one figure in the reporting currency, marked "*" when
 * amounts without a rate are left out; on hover or focus its definition and its breakdown per
 * currency (the amounts left out named there too, and in an UnconvertedNote beside the figures).
 */
export function MoneyFigure({ total, locale, definition, testId, style = 'full' }: { total: ConvertedTotal; locale: string; definition: ReactNode; testId?: string; style?: 'full' | 'compact' }) {
  const lines = breakdownLines(total, locale);
  return (
    <Defined
      testId={testId}
      definition={
        <>
          {definition}
          {lines.length > 0 ? (
            <span className="relay-def__tip-lines" data-testid={testId ? `${testId}-breakdown` : undefined}>
              {lines.map((line) => (
                <span key={line} style={{ display: 'block' }}>
                  {line}
                </span>
              ))}
            </span>
          ) : null}
        </>
      }
    >
      {formatMoney(total.amountMinor, total.currency, locale, style)}
      {Object.keys(total.unconverted).length > 0 ? (
        <span className="relay-unconverted__mark" data-testid={testId ? `${testId}-unconverted` : undefined}>
          {' *'}
        </span>
      ) : null}
    </Defined>
  );
}

/** The explicit warning naming amounts a total leaves out (nothing when every amount converted). */
export function UnconvertedNote({ total, locale, testId }: { total: Pick<ConvertedTotal, 'unconverted' | 'currency'>; locale: string; testId?: string }) {
  const text = unconvertedWarning(total.unconverted, total.currency, locale);
  if (!text) return null;
  return (
    <p className="relay-unconverted" role="note" data-testid={testId}>
      {text}
    </p>
  );
}
