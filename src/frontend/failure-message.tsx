import { SectionMessage, Text } from '@forge/react';
import type { CallFailure } from './call-client';
import { t } from './i18n';

/**
 * A failed call as a SectionMessage. The resolver's own message is shown as it came: the back end
 * writes it for people and never leaks internals (INTERNAL has a fixed text). PLATFORM and CONTRACT
 * failures have no server message worth reading, so they get the surface's own words.
 */
export function FailureMessage({ failure, title = t('error.title') }: { failure: CallFailure; title?: string }) {
  const text = failure.code === 'PLATFORM' || failure.code === 'CONTRACT' || failure.message.trim() === '' ? t(`error.${failure.code}`) : failure.message;
  return (
    <SectionMessage appearance="error" title={title}>
      <Text>{text}</Text>
      {failure.fields.map((field) => (
        <Text key={field.path}>{`${field.path}: ${field.message}`}</Text>
      ))}
      <Text>{t('error.code', { code: failure.code })}</Text>
    </SectionMessage>
  );
}
