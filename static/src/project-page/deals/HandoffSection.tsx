import Lozenge from '@atlaskit/lozenge';
import type { DealRecord } from '../../../../src/contracts/deal';
import { t } from '../../lib/i18n';

type Handoff = NonNullable<DealRecord['handoff']>;

const APPEARANCE: Record<Handoff['state'], 'default' | 'inprogress' | 'success' | 'removed' | 'moved'> = {
  pending: 'default',
  retrying: 'moved',
  created: 'inprogress',
  accepted: 'inprogress',
  delivered: 'success',
  error: 'removed',
  unlinked: 'removed',
};

function when(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(ms));
}

/**
 * The deal's hand-off to delivery, as the deal record holds it: state, the delivery issue, the
 * acceptance deadline (and whether it was missed), whether Jira refused the template's assignee (the
 * work was then created unassigned), and Jira's last refusal while Relay retries.
 */
export function HandoffSection({ deal, locale, nameOf }: { deal: DealRecord; locale: string; nameOf: (accountId: string) => string }) {
  const handoff = deal.handoff;
  if (!handoff) return null;
  const breached = handoff.breachedAt !== null && handoff.acceptedAt === null;
  return (
    <section className="relay-next-step" aria-label={t('records.handoff.title')} data-testid="deal-handoff">
      <h3 className="relay-section-title">{t('records.handoff.title')}</h3>
      <p>
        <Lozenge appearance={APPEARANCE[handoff.state]} testId="deal-handoff-state">
          {t(`records.handoff.state.${handoff.state}`)}
        </Lozenge>{' '}
        {breached ? (
          <Lozenge appearance="removed" isBold testId="deal-handoff-breached">
            {t('records.handoff.breached')}
          </Lozenge>
        ) : null}
      </p>
      <dl className="relay-facts">
        <dt>{t('records.handoff.issue')}</dt>
        <dd data-testid="deal-handoff-issue">{handoff.issueKey ?? t('records.handoff.noIssueYet')}</dd>
        <dt>{t('records.handoff.acceptBy')}</dt>
        <dd>{when(handoff.acceptDueAt, locale)}</dd>
        {handoff.acceptedAt !== null ? (
          <>
            <dt>{t('records.handoff.acceptedAt')}</dt>
            <dd>{when(handoff.acceptedAt, locale)}</dd>
          </>
        ) : null}
        {handoff.deliveredAt !== null ? (
          <>
            <dt>{t('records.handoff.deliveredAt')}</dt>
            <dd>{when(handoff.deliveredAt, locale)}</dd>
          </>
        ) : null}
        {handoff.assigneeRefused ? (
          <>
            <dt>{t('records.handoff.assignee')}</dt>
            <dd role="status" data-testid="deal-handoff-unassigned">
              {t('records.handoff.assigneeRefused', { name: nameOf(handoff.assigneeRefused.accountId), reason: handoff.assigneeRefused.reason })}
            </dd>
          </>
        ) : null}
        {handoff.lastError ? (
          <>
            <dt>{t('records.handoff.lastError')}</dt>
            <dd role="status">{handoff.lastError}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
