import Button from '@atlaskit/button/new';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { z } from 'zod';
import type { SecretStateRecord } from '../../../../src/contracts/lead';
import { INBOUND_LEAD_FIELDS, INBOUND_OUTCOMES } from '../../../../src/contracts/lead';
import { api } from '../../lib/api';
import { Card, flagError } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { instantText } from '../../project-page/records/format';
import { curlExample } from './lead-draft';
import '../../lib/areas/leads';

type SecretState = z.infer<typeof SecretStateRecord>;

function CopyButton({ text, testId }: { text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true), () => undefined);
      }}
      testId={testId}
    >
      {copied ? t('admin.leads.copied') : t('admin.leads.copy')}
    </Button>
  );
}

/** `utm_source` → its help key: every utm_* field shares one line. */
const schemaHelp = (field: string): MessageKey => (field.startsWith('utm_') ? 'admin.leads.schema.utm' : (`admin.leads.schema.${field}` as MessageKey));

/**
 * Where form tools send leads and how they sign them: the web trigger's address, the secret (shown
 * once when generated, never again; rotating keeps the old one working for its grace period), an
 * example request to copy, the body's fields and every answer the endpoint gives.
 */
export function EndpointCard({ initial, nameOf }: { initial: SecretState; nameOf: (id: string) => string }) {
  const { locale, timezone } = useForgeContext();
  const [state, setState] = useState(initial);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const rotate = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      const result = await api.leads.rotateSecret({ version: state.version });
      setState(result.state);
      setRevealed(result.secret);
    } catch (error) {
      flagError(error);
      void api.leads.secret().then(setState, () => undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('admin.leads.endpoint.title')} testId="admin-leads-endpoint">
      <p className="relay-muted">{t('admin.leads.endpoint.help')}</p>
      <div className="relay-field">
        <label htmlFor="lead-endpoint">{t('admin.leads.endpoint.url')}</label>
        <div className="admin-leads__copyrow">
          <input id="lead-endpoint" readOnly value={state.url} data-testid="lead-endpoint-url" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={state.url} testId="copy-endpoint" />
        </div>
      </div>
      <div data-testid="lead-secret-state">
        {state.fingerprint && state.createdAt !== null ? (
          <p>{t('admin.leads.secret.current', { fingerprint: state.fingerprint, who: nameOf(state.createdBy ?? ''), when: instantText(state.createdAt, locale, timezone) })}</p>
        ) : (
          <p>{t('admin.leads.secret.none')}</p>
        )}
        {state.previous ? <p className="relay-muted">{t('admin.leads.secret.previous', { fingerprint: state.previous.fingerprint, when: instantText(state.previous.expiresAt, locale, timezone) })}</p> : null}
      </div>
      {revealed ? (
        <div data-testid="lead-secret-revealed">
          <SectionMessage appearance="warning" title={t('admin.leads.secret.revealed.title')}>
            <p>{t('admin.leads.secret.revealed.body')}</p>
            <div className="admin-leads__copyrow">
              <input readOnly value={revealed} aria-label={t('admin.leads.secret.revealed.title')} data-testid="lead-secret-value" onFocus={(e) => e.currentTarget.select()} />
              <CopyButton text={revealed} testId="copy-secret" />
            </div>
          </SectionMessage>
        </div>
      ) : null}
      <div className="admin-leads__actions">
        <Button appearance={state.configured ? 'default' : 'primary'} isDisabled={busy} onClick={() => (state.configured ? setConfirming(true) : void rotate())} testId="lead-secret-rotate">
          {state.configured ? t('admin.leads.secret.rotate') : t('admin.leads.secret.generate')}
        </Button>
      </div>
      <ModalTransition>
        {confirming ? (
          <ModalDialog onClose={() => setConfirming(false)} testId="lead-secret-confirm">
            <ModalHeader>
              <ModalTitle>{t('admin.leads.secret.confirm.title')}</ModalTitle>
            </ModalHeader>
            <ModalBody>{t('admin.leads.secret.confirm.body', { hours: state.graceHours })}</ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setConfirming(false)}>
                {t('admin.leads.secret.cancel')}
              </Button>
              <Button appearance="warning" onClick={() => void rotate()} testId="lead-secret-confirm-ok">
                {t('admin.leads.secret.confirm.ok')}
              </Button>
            </ModalFooter>
          </ModalDialog>
        ) : null}
      </ModalTransition>

      <h3 className="relay-section-title">{t('admin.leads.curl.title')}</h3>
      <p className="relay-muted">{t('admin.leads.curl.help')}</p>
      <pre className="admin-leads__code" data-testid="lead-curl">
        {curlExample(state.url, revealed)}
      </pre>
      <CopyButton text={curlExample(state.url, revealed)} testId="copy-curl" />

      <h3 className="relay-section-title">{t('admin.leads.schema.heading')}</h3>
      <table className="admin-leads__table" data-testid="lead-schema">
        <thead>
          <tr>
            <th scope="col">{t('admin.leads.schema.field')}</th>
            <th scope="col">{t('admin.leads.schema.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {INBOUND_LEAD_FIELDS.map((field) => (
            <tr key={field}>
              <td>
                <code>{field}</code> {field === 'email' ? <span className="relay-muted">({t('admin.leads.schema.required')})</span> : null}
              </td>
              <td>{t(schemaHelp(field))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>{t('admin.leads.answers.title')}</summary>
        <table className="admin-leads__table" data-testid="lead-answers">
          <tbody>
            {Object.values(INBOUND_OUTCOMES).map((o) => (
              <tr key={o.code}>
                <td>{o.status}</td>
                <td>
                  <code>{o.code}</code>
                </td>
                <td>{o.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  );
}
