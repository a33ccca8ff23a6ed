import { Heading, Inline, LoadingButton, Lozenge, SectionMessage, Spinner, Stack, Text, useProductContext } from '@forge/react';
import type { RelayApi } from './call-client';
import { api as forgeApi } from './api';
import { t, tCount } from './i18n';
import type { StatusState } from './use-status-check';
import { useStatusCheck } from './use-status-check';

/** The issue key in the product context, when the surface is shown on an issue. */
function issueKeyOf(context: unknown): string | null {
  const extension = (context as { extension?: { issue?: { key?: unknown } } } | undefined)?.extension;
  const key = extension?.issue?.key;
  return typeof key === 'string' ? key : null;
}

function Failure({ failure }: { failure: NonNullable<StatusState['failure']> }) {
  return (
    <SectionMessage appearance="error" title={t('error.title')}>
      <Text>{t(`error.${failure.code}`)}</Text>
      <Text>{t('error.code', { code: failure.code })}</Text>
    </SectionMessage>
  );
}

function Answer({ result, issueKey }: { result: NonNullable<StatusState['result']>; issueKey: string | null }) {
  return (
    <Stack space="space.050">
      <Inline>
        <Lozenge appearance="success">{t('status.connected')}</Lozenge>
      </Inline>
      <Text>{t('status.account', { accountId: result.accountId })}</Text>
      <Text>{issueKey ? t('status.issue', { issueKey }) : t('status.issueUnknown')}</Text>
      <Text>{t('status.contract', { version: result.contractVersion })}</Text>
    </Stack>
  );
}

/**
 * What the issue panel and the issue glance show until the CRM records land: the `system/status`
 * answer (who is signed in, the contract version), the issue from the product context, and a way to
 * check again. The first check shows a spinner; later checks keep the answer on screen and mark the
 * button as busy, so the panel does not flicker.
 */
export function StatusView({ api = forgeApi }: { api?: RelayApi }) {
  const context = useProductContext();
  const { state, checkAgain } = useStatusCheck(api);
  const firstCheck = state.checks === 0;

  return (
    <Stack space="space.100">
      <Heading size="small">{t('surface.heading')}</Heading>
      {firstCheck ? <Spinner label={t('status.loading')} /> : null}
      {state.failure ? <Failure failure={state.failure} /> : null}
      {state.result ? <Answer result={state.result} issueKey={issueKeyOf(context) ?? state.result.issueKey} /> : null}
      {firstCheck ? null : <Text>{tCount({ one: 'status.checked.one', other: 'status.checked.other' }, state.checks)}</Text>}
      {firstCheck ? null : (
        <LoadingButton appearance="default" isLoading={state.checking} onClick={checkAgain}>
          {t('status.checkAgain')}
        </LoadingButton>
      )}
    </Stack>
  );
}
