import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { DealRecord } from '../../../../src/contracts/deal';
import { DealRecord as DealSchema, UpdateDealInput } from '../../../../src/contracts/deal';
import { isIsoDate } from '../../../../src/domain/periods';
import { api } from '../../lib/api';
import { ErrorBanner } from '../../lib/components';
import { formatMoney } from '../../lib/gadget-format';
import { t } from '../../lib/i18n';
import { checked, versionedUpdate } from '../records/edit';
import { dateText } from '../records/format';
import { InlineEdit, InlineError } from '../records/InlineEdit';
import { Facts } from '../records/RecordDrawer';

type Field = 'contractStart' | 'contractEnd';

/**
 * A deal's contract in its drawer: whether it is recurring (its amount is then ARR), the contract
 * dates — editable on won deals too, since a corrected end moves the renewal and the ARR facts — the
 * renewal Relay opened for it, or the contract a renewal renews.
 */
export function ContractSection({ deal: shown, canEdit, onRecord, openDeal, locale }: { deal: DealRecord; canEdit: boolean; onRecord: (deal: DealRecord) => void; openDeal: (id: string) => void; locale: string }) {
  const [failure, setFailure] = useState<unknown>(null);
  // The newest of what this section saved and what the drawer holds: a save is never shown undone.
  const [saved, setSaved] = useState<DealRecord | null>(null);
  const deal = saved && saved.id === shown.id && saved.version > shown.version ? saved : shown;
  const keep = (next: DealRecord) => {
    setSaved(next);
    onRecord(next);
  };
  const editable = canEdit && !deal.archived;
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
  const items = [
    {
      label: t('records.contract.recurring'),
      value: (
        <span className="relay-inline-row">
          <span data-testid="deal-recurring-value">{deal.recurring ? t('records.contract.yes') : t('records.contract.no')}</span>{' '}
          {editable ? (
            <Button appearance="subtle" spacing="compact" onClick={() => void toggle()} testId="deal-recurring-toggle">
              {deal.recurring ? t('records.contract.makeOneOff') : t('records.contract.makeRecurring')}
            </Button>
          ) : null}
        </span>
      ),
    },
    ...(deal.recurring ? [{ label: t('records.deal.arr'), value: deal.amountMinor === null ? t('common.notSet') : formatMoney(deal.amountMinor, deal.currency, locale), testId: 'deal-arr' }] : []),
    { label: t('records.field.contractStart'), value: date('contractStart') },
    { label: t('records.field.contractEnd'), value: date('contractEnd') },
  ];
  if (deal.renewal) {
    items.push({
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
    items.push({ label: t('records.contract.renewal'), value: <span>{t('records.contract.renewalPending')}</span> });
  }
  if (deal.renews) {
    items.push({
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
  return (
    <section className="relay-related" aria-label={t('records.contract.title')} data-testid="deal-contract">
      <h3 className="relay-section-title">{t('records.contract.title')}</h3>
      <Facts items={items} />
      {!deal.renewal && !deal.renews ? <p className="relay-field__help">{t('records.contract.notContract')}</p> : null}
      {failure ? <ErrorBanner error={failure} /> : null}
    </section>
  );
}
