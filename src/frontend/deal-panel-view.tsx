import { Heading, Inline, Label, LoadingButton, Lozenge, SectionMessage, Spinner, Stack, Text, Textfield, useProductContext } from '@forge/react';
import { useState } from 'react';
import type { IssueDealView } from '../contracts/handoff';
import type { RelayApi } from './call-client';
import { FailureMessage } from './failure-message';
import type { FormatOptions } from './format';
import { formatDay, formatInstant, formatMoney, formatOptionsOf, slaClockText } from './format';
import type { MessageKey } from './i18n';
import { t } from './i18n';
import type { RequestJira } from './jira-projects';
import { LinkDealForm } from './link-deal-form';
import { issueKeyOf } from './surface-context';
import type { IssueChangedSource, IssueDealControls } from './use-issue-deal';
import { useIssueDeal } from './use-issue-deal';

type VisibleView = Extract<IssueDealView, { visible: true }>;
type Handoff = NonNullable<VisibleView['handoff']>;
type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

/** Lozenge colours follow Jira's own: grey waiting, blue in progress, yellow trouble, green done, red failed. */
const STATE_APPEARANCE: Record<Handoff['state'], LozengeAppearance> = {
  pending: 'default',
  retrying: 'moved',
  created: 'inprogress',
  accepted: 'success',
  delivered: 'success',
  error: 'removed',
  unlinked: 'default',
};

/** A person the panel names, as Jira shows them; Relay's own work is "Relay"; never an account id. */
function personName(view: VisibleView, accountId: string): string {
  if (accountId === 'relay') return t('person.relay');
  return view.people.find((p) => p.accountId === accountId)?.displayName ?? t('person.former');
}

function HandoffClock({ view, handoff, remainingMs, format }: { view: VisibleView; handoff: Handoff; remainingMs: number | null; format: FormatOptions }) {
  const showError = (handoff.state === 'retrying' || handoff.state === 'error') && handoff.lastError;
  return (
    <Stack space="space.050">
      <Heading size="xsmall">{t('handoff.heading')}</Heading>
      <Inline space="space.100">
        <Lozenge appearance={STATE_APPEARANCE[handoff.state]}>{t(`handoff.state.${handoff.state}`)}</Lozenge>
        {handoff.breachedAt !== null ? (
          <Lozenge appearance="removed" isBold>
            {t('handoff.breached')}
          </Lozenge>
        ) : null}
      </Inline>
      {remainingMs !== null ? <Text>{slaClockText(remainingMs, handoff.acceptDueAt, format)}</Text> : null}
      {handoff.acceptedAt !== null ? <Text>{handoff.acceptedBy ? t('handoff.acceptedBy', { name: personName(view, handoff.acceptedBy), when: formatInstant(handoff.acceptedAt, format) }) : t('handoff.acceptedAt', { when: formatInstant(handoff.acceptedAt, format) })}</Text> : null}
      {handoff.deliveredAt !== null ? <Text>{t('handoff.deliveredAt', { when: formatInstant(handoff.deliveredAt, format) })}</Text> : null}
      {showError ? <Text>{t('handoff.lastError', { message: handoff.lastError ?? '' })}</Text> : null}
    </Stack>
  );
}

function Facts({ view, format }: { view: VisibleView; format: FormatOptions }) {
  const { deal, company } = view;
  const amount =
    deal.amountMinor === null
      ? t('deal.amount.none')
      : t(deal.recurring ? 'deal.amount.recurring' : 'deal.amount.once', { amount: formatMoney(deal.amountMinor, deal.currency, format) });
  return (
    <Stack space="space.050">
      <Text>{company ? t('deal.company', { name: company.name }) : t('deal.noCompany')}</Text>
      <Text>{t('deal.owner', { name: personName(view, deal.ownerId) })}</Text>
      <Text>{amount}</Text>
      {company && company.arrMinor > 0 ? <Text>{t('deal.companyArr', { amount: formatMoney(company.arrMinor, deal.currency, format) })}</Text> : null}
      {deal.contractStart && deal.contractEnd ? <Text>{t('deal.contract', { start: formatDay(deal.contractStart, format), end: formatDay(deal.contractEnd, format) })}</Text> : null}
    </Stack>
  );
}

function Contacts({ contacts }: { contacts: VisibleView['contacts'] }) {
  return (
    <Stack space="space.050">
      <Heading size="xsmall">{t('deal.contacts')}</Heading>
      {contacts.length === 0 ? <Text>{t('deal.noContacts')}</Text> : null}
      {contacts.map((contact) => (
        <Text key={contact.id}>{[contact.name, contact.title, contact.email].filter((part): part is string => Boolean(part)).join(' · ')}</Text>
      ))}
    </Stack>
  );
}

function Definition({ label, value }: { label: MessageKey; value: string | null }) {
  return (
    <Stack space="space.025">
      <Heading size="xxsmall">{t(label)}</Heading>
      <Text>{value && value.trim() !== '' ? value : t('deal.notGiven')}</Text>
    </Stack>
  );
}

function Actions({ view, controls }: { view: VisibleView; controls: IssueDealControls }) {
  const [expansionName, setExpansionName] = useState('');
  const { busy } = controls.state;
  // One action at a time: the running one shows as loading, the others cannot be pressed meanwhile.
  const button = (action: NonNullable<typeof busy>) => ({ isLoading: busy === action, isDisabled: busy !== null && busy !== action });
  if (!view.canAccept && !view.canEditDeal) return null;
  return (
    <Stack space="space.100">
      <Inline space="space.100">
        {view.canAccept ? (
          <LoadingButton appearance="primary" {...button('accept')} onClick={() => void controls.accept()}>
            {t('action.accept')}
          </LoadingButton>
        ) : null}
        {view.canUnlink ? (
          <LoadingButton appearance="default" {...button('unlink')} onClick={() => void controls.unlink()}>
            {t('action.unlink')}
          </LoadingButton>
        ) : null}
      </Inline>
      {view.canEditDeal ? (
        <Stack space="space.050">
          <Label labelFor="relay-expansion-name">{t('action.expansionName')}</Label>
          <Textfield id="relay-expansion-name" value={expansionName} onChange={(e: { target: { value: string } }) => setExpansionName(e.target.value)} />
          <Inline>
            <LoadingButton
              appearance="default"
              {...button('flagExpansion')}
              onClick={() =>
                void controls.flagExpansion(expansionName).then(() => {
                  setExpansionName('');
                })
              }
            >
              {t('action.flagExpansion')}
            </LoadingButton>
          </Inline>
        </Stack>
      ) : null}
    </Stack>
  );
}

function LinkedDeal({ view, controls, format }: { view: VisibleView; controls: IssueDealControls; format: FormatOptions }) {
  const { deal } = view;
  return (
    <Stack space="space.150">
      <Stack space="space.025">
        <Heading size="small">{t('deal.heading', { name: deal.name })}</Heading>
        <Text>{`${t(`deal.role.${view.role}`)} · ${t('deal.project', { projectKey: deal.projectKey })}`}</Text>
      </Stack>
      <Facts view={view} format={format} />
      {view.handoff ? <HandoffClock view={view} handoff={view.handoff} remainingMs={view.slaRemainingMs} format={format} /> : null}
      <Contacts contacts={view.contacts} />
      <Definition label="deal.scope" value={deal.scope} />
      <Definition label="deal.notSold" value={deal.notSold} />
      <Definition label="deal.successCriteria" value={deal.successCriteria} />
      <Actions view={view} controls={controls} />
    </Stack>
  );
}

export interface DealPanelViewProps {
  api: RelayApi;
  requestJira: RequestJira;
  onIssueChanged?: IssueChangedSource;
}

/**
 * The deal panel on a Jira issue (jira:issuePanel relay-deal-panel): the linked deal with its
 * company, amount, contacts, definition of ready and hand-off clock, and the actions the user's
 * rights allow; "Link deal" on an issue without one; a single sentence for a user who cannot browse
 * the deal's project. All permission decisions come from the back end's answer (`canAccept`,
 * `canEditDeal`, `canLink`); the view only shows what it was told the user may do.
 */
export function DealPanelView({ api, requestJira, onIssueChanged }: DealPanelViewProps) {
  const context = useProductContext();
  const format = formatOptionsOf(context);
  const controls = useIssueDeal(api, issueKeyOf(context), onIssueChanged);
  const { view, failure, actionFailure, expansion, busy } = controls.state;

  return (
    <Stack space="space.150">
      {view === null && failure === null ? <Spinner label={t('surface.loading')} /> : null}
      {failure ? <FailureMessage failure={failure} /> : null}
      {view && !view.linked ? (
        <Stack space="space.100">
          <Text>{t('none.message')}</Text>
          {view.canLink ? <LinkDealForm api={api} requestJira={requestJira} format={format} linking={busy === 'link'} onLink={(dealId) => void controls.link(dealId)} /> : null}
        </Stack>
      ) : null}
      {view && view.linked && !view.visible ? <Text>{t('hidden.message')}</Text> : null}
      {view && view.linked && view.visible ? <LinkedDeal view={view} controls={controls} format={format} /> : null}
      {actionFailure ? <FailureMessage failure={actionFailure} title={t('action.failed')} /> : null}
      {expansion ? (
        <SectionMessage appearance="success" title={t('expansion.created')}>
          <Text>{t('expansion.details', { name: expansion.name, projectKey: view && view.linked && view.visible ? view.deal.projectKey : '' })}</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
