import Button from '@atlaskit/button/new';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { ErrorBanner, errorMessage } from '../lib/components';

export interface SaveFooterLabels {
  conflictTitle: string;
  conflictLoad: string;
  invalid: string;
  saveFailed: string;
  unsaved: string;
  discard: string;
  save: string;
  saving?: string;
}

/**
 * The end of a settings form that saves one versioned record: a conflict with the version someone
 * else saved (and loading theirs), the "fix the fields above" note, the server's refusal, and the
 * save bar (hidden for read-only users). Test ids are `${testIdPrefix}-conflict`, `-invalid`,
 * `-dirty`, `-discard`, `-save`.
 */
export function SaveFooter<T>({
  testIdPrefix,
  labels,
  conflict,
  onLoadTheirs,
  invalid,
  failure,
  readOnly,
  dirty,
  saving,
  onDiscard,
}: {
  testIdPrefix: string;
  labels: SaveFooterLabels;
  conflict: { error: unknown; current: T | null } | null;
  onLoadTheirs: (current: T) => void;
  invalid: boolean;
  failure: unknown;
  readOnly: boolean;
  dirty: boolean;
  saving: boolean;
  onDiscard: () => void;
}) {
  const theirs = conflict?.current ?? null;
  return (
    <>
      {conflict ? (
        <div role="alert" data-testid={`${testIdPrefix}-conflict`}>
          <SectionMessage
            appearance="warning"
            title={labels.conflictTitle}
            actions={theirs !== null ? <SectionMessageAction onClick={() => onLoadTheirs(theirs)}>{labels.conflictLoad}</SectionMessageAction> : undefined}
          >
            <p>{errorMessage(conflict.error)}</p>
          </SectionMessage>
        </div>
      ) : null}
      {invalid && !failure ? (
        <p className="relay-field__error" role="alert" data-testid={`${testIdPrefix}-invalid`}>
          {labels.invalid}
        </p>
      ) : null}
      {failure ? <ErrorBanner error={failure} title={labels.saveFailed} /> : null}

      {readOnly ? null : (
        <div className="relay-savebar">
          <span className="relay-muted" data-testid={`${testIdPrefix}-dirty`}>
            {dirty ? labels.unsaved : ''}
          </span>
          <Button appearance="subtle" isDisabled={!dirty || saving} onClick={onDiscard} testId={`${testIdPrefix}-discard`}>
            {labels.discard}
          </Button>
          <Button appearance="primary" type="submit" isLoading={saving} testId={`${testIdPrefix}-save`}>
            {saving && labels.saving ? labels.saving : labels.save}
          </Button>
        </div>
      )}
    </>
  );
}
