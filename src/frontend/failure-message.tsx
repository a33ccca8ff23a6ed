import { SectionMessage, Text } from '@forge/react';
import type { CallFailure } from './call-client';
import { activeMessageLocale, t } from './i18n';

/**
 * A failed call as a SectionMessage. The resolver's own message is shown as it came: the back end
 * writes it for people and never leaks internals (INTERNAL has a fixed text). PLATFORM and CONTRACT
 * failures have no server message worth reading, so they get the surface's own words. The back end
 * writes English; a viewer in another language gets the code's translated text (and no English field notes).
 */
export function FailureMessage({ failure, title = t('error.title') }: { failure: CallFailure; title?: string }) {
  const english = activeMessageLocale() === 'en-US';
  const text = !english || failure.code === 'PLATFORM' || failure.code === 'CONTRACT' || failure.message.trim() === '' ? t(`error.${failure.code}`) : failure.message;
  return (
    <SectionMessage appearance="error" title={title}>
      <Text>{text}</Text>
      {(english ? failure.fields : []).map((field) => (
        <Text key={field.path}>{`${field.path}: ${field.message}`}</Text>
      ))}
      <Text>{t('error.code', { code: failure.code })}</Text>
    </SectionMessage>
  );
}
