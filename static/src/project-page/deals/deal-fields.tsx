import type { z } from 'zod';
import type { DealRecord } from '../../../../src/contracts/deal';
import { UpdateDealInput, DealRecord as DealSchema } from '../../../../src/contracts/deal';
import { formatMoneyInput } from '../../../../src/domain/money-format';
import { api } from '../../lib/api';
import { numberForInput } from '../../lib/field-messages';
import { t } from '../../lib/i18n';
import { checked, versionedUpdate } from '../records/edit';
import { dateText, moneyText } from '../records/format';
import type { InlineDealField } from '../records/forms';
import { inlineDealChange } from '../records/forms';
import { InlineEdit, InlineError } from '../records/InlineEdit';

type Deal = z.infer<typeof DealSchema>;

/** What a field shows, and what its editor starts with (amounts as decimal text in the deal's currency). */
function shown(deal: Deal, field: InlineDealField, locale: string): { display: string; initial: string } {
  switch (field) {
    case 'name':
      return { display: deal.name, initial: deal.name };
    case 'amountMinor':
      return { display: moneyText(deal.amountMinor, deal.currency, locale), initial: deal.amountMinor === null ? '' : numberForInput(formatMoneyInput(deal.amountMinor, deal.currency)) };
    case 'closeDate':
      return { display: dateText(deal.closeDate, locale), initial: deal.closeDate ?? '' };
    case 'nextStep':
      return { display: deal.nextStep ?? t('common.notSet'), initial: deal.nextStep ?? '' };
    case 'nextStepDue':
    case 'contractStart':
    case 'contractEnd':
      return { display: dateText(deal[field], locale), initial: deal[field] ?? '' };
    case 'scope':
    case 'notSold':
    case 'stakeholders':
    case 'successCriteria':
      return { display: deal[field] ?? t('common.notSet'), initial: deal[field] ?? '' };
  }
}

/** Saves one typed field of a deal as a versioned update (CONFLICT → the current deal is shown, and Save retries). */
export async function saveDealField(deal: DealRecord, field: InlineDealField, text: string, onRecord: (deal: DealRecord) => void, locale: string): Promise<void> {
  const change = inlineDealChange(field, text, deal.currency);
  if (!change.ok) throw new InlineError(change.message);
  const payload = checked(UpdateDealInput, { dealId: deal.id, version: deal.version, changes: { [field]: change.value } });
  await versionedUpdate(() => api.deals.update(payload), DealSchema, onRecord, (current) => shown(current, field, locale).display);
}

/** An in-place editor for one of the deal fields a table row or the drawer edits. */
export function DealFieldEditor({ deal, field, canEdit, onRecord, locale, testId }: { deal: DealRecord; field: InlineDealField; canEdit: boolean; onRecord: (deal: DealRecord) => void; locale: string; testId: string }) {
  const { display, initial } = shown(deal, field, locale);
  return (
    <InlineEdit
      label={t('records.inline.fieldOf', { field: t(`records.field.${field}`), record: deal.name })}
      display={display}
      initial={initial}
      type={field === 'closeDate' || field === 'nextStepDue' || field === 'contractStart' || field === 'contractEnd' ? 'date' : 'text'}
      canEdit={canEdit && deal.outcome === 'open'}
      onSave={(text) => saveDealField(deal, field, text, onRecord, locale)}
      testId={testId}
    />
  );
}
