import { Spinner, Text, useProductContext } from '@forge/react';
import type { IssueDealView } from '../contracts/handoff';
import type { RelayApi } from './call-client';
import { FailureMessage } from './failure-message';
import type { FormatOptions } from './format';
import { formatDay, formatMoney, formatOptionsOf } from './format';
import type { MessageKey } from './i18n';
import { chooseMessages, t } from './i18n';
import { issueKeyOf } from './surface-context';
import type { IssueChangedSource } from './use-issue-deal';
import { useIssueDeal } from './use-issue-deal';

/** The contract carries health as text; a tier this build does not know reads as unknown. */
const HEALTH: Partial<Record<string, MessageKey>> = { good: 'glance.health.good', average: 'glance.health.average', poor: 'glance.health.poor', unknown: 'glance.health.unknown' };

/**
 * The glance's one line: company · ARR · renewal date · health. ARR is the company's (derived from
 * its won recurring deals) once it has any; before that a recurring deal's own amount is its ARR.
 * A part the deal does not have is left out rather than shown empty.
 */
export function glanceLine(view: IssueDealView, format: FormatOptions): string {
  if (!view.linked) return t('glance.none');
  if (!view.visible) return t('glance.hidden');
  const { deal, company } = view;
  const arrMinor = company && company.arrMinor > 0 ? company.arrMinor : deal.recurring ? deal.amountMinor : null;
  const parts = [
    company?.name ?? deal.name,
    arrMinor !== null ? t('deal.amount.recurring', { amount: formatMoney(arrMinor, deal.currency, format) }) : null,
    company?.renewalDate ? t('glance.renews', { date: formatDay(company.renewalDate, format) }) : null,
    company ? t(HEALTH[company.health] ?? 'glance.health.unknown') : null,
  ];
  return parts.filter((part): part is string => part !== null).join(' · ');
}

export interface CrmGlanceViewProps {
  api: RelayApi;
  onIssueChanged?: IssueChangedSource;
}

/** The CRM glance on a Jira issue (jira:issueContext relay-crm-glance): one line, kept current on issue changes. */
export function CrmGlanceView({ api, onIssueChanged }: CrmGlanceViewProps) {
  const context = useProductContext();
  const format = formatOptionsOf(context);
  chooseMessages(format.locale);
  const { state } = useIssueDeal(api, issueKeyOf(context), onIssueChanged);
  if (state.failure) return <FailureMessage failure={state.failure} />;
  if (!state.view) return <Spinner label={t('surface.loading')} />;
  return <Text>{glanceLine(state.view, format)}</Text>;
}
