import Lozenge from '@atlaskit/lozenge';
import type { CompanyRecord } from '../../../../src/contracts/company';
import { formatInstant } from '../../lib/gadget-format';
import { formatMoney } from '../../../../src/domain/money-format';
import { reasonsText, tierAppearance, tierText } from '../../lib/health-text';
import { t } from '../../lib/i18n';
import { isoDateOf } from '../../../../src/domain/periods';
import { dateText } from '../records/format';
import { Facts } from '../records/RecordDrawer';
import '../renewals/renewals.css';

/** The contract end the next renewal decides; one that has passed undecided says so. */
function renewalText(renewalDate: string | null | undefined, locale: string): string {
  if (!renewalDate) return t('account.noRenewal');
  const date = dateText(renewalDate, locale);
  return renewalDate < isoDateOf(Date.now()) ? t('account.renewalOverdue', { date }) : date;
}

/**
 * What Relay derives about a company, in its drawer: ARR of its contracts in effect (per currency),
 * its lifecycle, its next renewal, and its health with the score and the reasons for it.
 */
export function AccountSection({ company, locale, timeZone }: { company: CompanyRecord; locale: string; timeZone: string }) {
  const arr = Object.entries(company.arrByCurrency ?? {}).filter(([, amount]) => amount > 0);
  const detail = company.healthDetail ?? null;
  const reasons = reasonsText(detail?.reasons ?? []);
  return (
    <section className="relay-account" aria-label={t('account.title')} data-testid="company-account">
      <h3 className="relay-section-title">{t('account.title')}</h3>
      <Facts
        items={[
          { label: t('account.arr'), value: arr.length > 0 ? arr.map(([currency, amount]) => formatMoney(amount, currency, locale)).join(' + ') : t('account.noArr'), testId: 'company-arr' },
          { label: t('account.renewal'), value: renewalText(company.renewalDate, locale), testId: 'company-renewal' },
        ]}
      />
      <div className="relay-account__health" data-testid="company-health">
        <span>{t('account.health')}</span>
        <Lozenge appearance={tierAppearance(company.health)}>{tierText(company.health)}</Lozenge>
        {detail ? <span className="relay-muted">{t('health.score', { score: detail.score })}</span> : null}
      </div>
      {detail ? (
        <p className="relay-account__why" data-testid="company-health-why">
          {reasons || t('health.noReasons')}
        </p>
      ) : null}
      <p className="relay-field__help">
        {detail ? `${t('account.scoredAt', { time: formatInstant(detail.computedAt, locale, timeZone) })}. ` : ''}
        {t('account.derived')}
      </p>
    </section>
  );
}
