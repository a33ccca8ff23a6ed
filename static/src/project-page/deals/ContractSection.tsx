import Button from '@atlaskit/button/new';
import type { ReactNode } from 'react';
import { useState } from 'react';
import type { DealRecord } from '../../../../src/contracts/deal';
import { DealRecord as DealSchema, UpdateDealInput } from '../../../../src/contracts/deal';
import { isIsoDate } from '../../../../src/domain/periods';
import { api } from '../../lib/api';
import { ErrorBanner } from '../../lib/components';
import { formatMoney } from '../../../../src/domain/money-format';
import { t } from '../../lib/i18n';
import { checked, versionedUpdate } from '../records/edit';
import { dateText } from '../records/format';
import { InlineEdit, InlineError } from '../records/InlineEdit';
import '../renewals/renewals.css';

type Field = 'contractStart' | 'contractEnd';
type Fact = { label: string; value: ReactNode; testId?: string };

/**
 * A deal's contract as rows of its drawer's facts: whether it is recurring (its amount is then
 * ARR), the contract dates — editable on won deals too, since a corrected end moves the renewal
 * and the ARR facts — and the renewal Relay opened for it, or the contract a renewal renews. Shows
 * the newest of what it saved and what the drawer holds, so a save is never shown undone.
 */
export function useContractFacts({ deal: shown, canEdit, onRecord, openDeal, locale }: { deal: DealRecord | null; canEdit: boolean; onRecord: (deal: DealRecord) => void; openDeal: (id: string) => void; locale: string }): { facts: Fact[]; problem: ReactNode } {
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<DealRecord | null>(null);
  const deal = saved && shown && saved.id === shown.id && saved.version > shown.version ? saved : shown;
  if (!deal) return { facts: [], problem: null };
  const editable = canEdit && !deal.archived;
  const keep = (next: DealRecord) => {
    setSaved(next);
    onRecord(next);
  };
  const send = async (changes: Record<string, unknown>) => {
    const payload = checked(UpdateDealInput, { dealId: deal.id, version: deal.version, changes });
    await versionedUpdate(() => api.deals.update(payload), DealSchema, keep, (current) => (current.recurring ? t('records.contract.yes') : t('records.contract.no')));
  };
  const date = (field: Field) => (
    <InlineEdit
      label={t(`records.field.${field}`)}
      display={dateText(deal[field], locale)}
      initial={deal[field] ?? ''}
      type="date"
      canEdit={editable}
      onSave={async (text) => {
        const value = text.trim();
        if (value !== '' && !isIsoDate(value)) throw new InlineError(t('records.error.date'));
        await send({ [field]: value === '' ? null : value });
      }}
      testId={`drawer-deal-${field}`}
    />
  );
  const toggle = async () => {
    setFailure(null);
    try {
      await send({ recurring: !deal.recurring });
    } catch (error) {
      setFailure(error);
    }
  };
  const facts: Fact[] = [
    {
      label: t('records.contract.recurring'),
      testId: 'deal-contract',
      value: (
        <span>
          <span data-testid="deal-recurring-value">{deal.recurring ? t('records.contract.yes') : t('records.contract.no')}</span>
          {deal.recurring && deal.amountMinor !== null ? ` · ${t('records.contract.arrOf', { arr: formatMoney(deal.amountMinor, deal.currency, locale) })}` : ''}{' '}
          {editable ? (
            <Button appearance="subtle" spacing="compact" onClick={() => void toggle()} testId="deal-recurring-toggle">
              {deal.recurring ? t('records.contract.makeOneOff') : t('records.contract.makeRecurring')}
            </Button>
          ) : null}
        </span>
      ),
    },
    {
      label: t('records.contract.title'),
      value: (
        <span className="relay-contract-dates">
          {date('contractStart')} <span aria-hidden="true">–</span> {date('contractEnd')}
        </span>
      ),
    },
  ];
  if (deal.renewal) {
    facts.push({
      label: t('records.contract.renewal'),
      value: (
        <span>
          {t('records.contract.renewalOpened', { date: dateText(new Date(deal.renewal.openedAt).toISOString().slice(0, 10), locale) })}{' '}
          <button type="button" className="relay-link" onClick={() => openDeal(deal.renewal!.dealId)} data-testid="deal-open-renewal">
            {t('records.contract.openRenewal')}
          </button>
        </span>
      ),
    });
  } else if (deal.recurring && deal.outcome === 'won' && deal.contractEnd) {
    facts.push({ label: t('records.contract.renewal'), value: t('records.contract.renewalPending') });
  }
  if (deal.renews) {
    facts.push({
      label: t('records.contract.renews'),
      value: (
        <span>
          {t('records.contract.renewsArr', { arr: formatMoney(deal.renews.arrMinor, deal.renews.currency, locale), date: dateText(deal.renews.contractEnd, locale) })}{' '}
          <button type="button" className="relay-link" onClick={() => openDeal(deal.renews!.dealId)} data-testid="deal-open-contract">
            {t('records.contract.openContract')}
          </button>
        </span>
      ),
    });
  }
  return { facts, problem: failure ? <ErrorBanner error={failure} /> : null };
}
