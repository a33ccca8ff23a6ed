import { Spinner, Text, useProductContext } from '@forge/react';
import type { IssueDealView } from '../contracts/handoff';
import type { HealthReasonCode } from '../domain/health';
import { HEALTH_REASON_CODES, reasonMessages } from '../domain/health';
import type { RelayApi } from './call-client';
import { FailureMessage } from './failure-message';
import type { FormatOptions } from './format';
import { formatDay, formatMoney, formatOptionsOf } from './format';
import type { MessageKey } from './i18n';
import { t } from './i18n';
import { issueKeyOf } from './surface-context';
import type { IssueChangedSource } from './use-issue-deal';
import { useIssueDeal } from './use-issue-deal';

/** The contract carries health as text; a tier this build does not know reads as unknown. */
const HEALTH: Partial<Record<string, MessageKey>> = { good: 'glance.health.good', average: 'glance.health.average', poor: 'glance.health.poor', unknown: 'glance.health.unknown' };

/** "3 overdue delivery issues, last activity 41 days ago": the reasons a surface shows beside a health tier. */
export function healthReasonsText(reasons: ReadonlyArray<{ code: string; value: number }>): string {
  const known = reasons.filter((r): r is { code: HealthReasonCode; value: number } => (HEALTH_REASON_CODES as readonly string[]).includes(r.code));
  return reasonMessages(known)
    .map((m) => t(m.key, { count: m.count }))
    .join(', ');
}

/**
 * The glance's one line: company · ARR · renewal date · health and why. ARR is the company's (its
 * contracts in effect, per currency) once it has any; before that a recurring deal's own amount is
 * its ARR. A part the deal does not have is left out rather than shown empty.
 */
export function glanceLine(view: IssueDealView, format: FormatOptions): string {
  if (!view.linked) return t('glance.none');
  if (!view.visible) return t('glance.hidden');
  const { deal, company } = view;
  const companyArr = Object.entries(company?.arrByCurrency ?? {}).filter(([, amount]) => amount > 0);
  const arr = companyArr.length > 0 ? companyArr.map(([currency, amount]) => formatMoney(amount, currency, format)).join(' + ') : deal.recurring && deal.amountMinor !== null ? formatMoney(deal.amountMinor, deal.currency, format) : null;
  const health = company ? t(HEALTH[company.health] ?? 'glance.health.unknown') : null;
  const why = company ? healthReasonsText(company.healthReasons ?? []) : '';
  const parts = [
    company?.name ?? deal.name,
    arr !== null ? t('deal.amount.recurring', { amount: arr }) : null,
    company?.renewalDate ? t('glance.renews', { date: formatDay(company.renewalDate, format) }) : null,
    health && why ? t('glance.healthWhy', { health, reasons: why }) : health,
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
  const { state } = useIssueDeal(api, issueKeyOf(context), onIssueChanged);
  if (state.failure) return <FailureMessage failure={state.failure} />;
  if (!state.view) return <Spinner label={t('surface.loading')} />;
  return <Text>{glanceLine(state.view, format)}</Text>;
}
