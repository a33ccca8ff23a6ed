import { formatMoney } from '../../../src/domain/money-format';
import { isoDateOf, periodOf } from '../../../src/domain/periods';
import { t } from '../lib/i18n';
import { periodLabel } from '../lib/metric-basis';
import '../lib/tip.css';

/**
 * What the admin's settings mean today: the fiscal periods the start month gives (the periods every
 * board filter, target, gadget and Insights names), and the currencies deals use without a rate
 * (what the converted totals leave out, per project).
 */
export function FiscalPreview({ startMonth, locale, today = isoDateOf(Date.now()) }: { startMonth: number; locale: string; today?: string }) {
  const calendar = { startMonth };
  return (
    <p className="relay-field__help" data-testid="admin-fiscal-preview">
      {t('admin.fiscal.preview', { quarter: periodLabel(periodOf(today, 'quarter', calendar), locale), year: periodLabel(periodOf(today, 'year', calendar), locale) })}
    </p>
  );
}

export function UnconvertedList({ list, reportingCurrency, locale }: { list: ReadonlyArray<{ currency: string; deals: number; openMinor: number; projectKeys: string[] }> | null; reportingCurrency: string; locale: string }) {
  if (!list || list.length === 0) return null;
  return (
    <div className="relay-unconverted" role="note" data-testid="admin-unconverted">
      <p>{t('admin.unconverted.title', { currency: reportingCurrency })}</p>
      <ul>
        {list.map((u) => (
          <li key={u.currency} data-testid={`admin-unconverted-${u.currency}`}>
            {t('admin.unconverted.row', { currency: u.currency, deals: u.deals, amount: formatMoney(u.openMinor, u.currency, locale), projects: u.projectKeys.join(', ') })}
          </li>
        ))}
      </ul>
    </div>
  );
}
