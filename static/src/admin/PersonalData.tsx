import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { FoundPerson } from '../../../src/contracts/privacy';
import { flattenForCsv } from '../../../src/domain/privacy';
import { csvLine } from '../../../src/domain/csv-reader';
import { api } from '../lib/api';
import { ErrorBanner, flagSuccess } from '../lib/components';
import { t } from '../lib/i18n';
import { useReadOnly } from '../lib/read-only-banner';
import { download } from '../project-page/import-export/import-file';
import '../lib/areas/settings';

type Person = z.infer<typeof FoundPerson>;

/**
 * Personal data (PRODUCT §5), on the admin page: find a contact by email, export everything Relay
 * holds about them (JSON, or the same as a CSV of path and value), or erase them after confirming
 * with their name. The erasure runs as a queued job; the record is gone once it has run.
 */
export function PersonalData() {
  const [email, setEmail] = useState('');
  const [person, setPerson] = useState<Person | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const readOnly = useReadOnly();

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
      setError(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const find = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => setPerson(await api.privacy.findPerson({ email })));
  };
  const exportAs = (format: 'json' | 'csv') =>
    run(async () => {
      const data = await api.privacy.exportContact({ contactId: person!.contactId });
      const name = `relay-contact-${person!.contactId}`;
      if (format === 'json') download(`${name}.json`, [JSON.stringify(data, null, 2)]);
      else download(`${name}.csv`, [csvLine([t('admin.privacy.path'), t('admin.privacy.value')]), ...flattenForCsv(data).map(([path, value]) => csvLine([path, value]))]);
    });
  const erase = () =>
    run(async () => {
      await api.privacy.eraseContact({ contactId: person!.contactId });
      flagSuccess(t('admin.privacy.erased', { name: person!.name }));
      setConfirming(false);
      setPerson(null);
    });

  return (
    <section className="relay-card" aria-label={t('admin.privacy.title')} data-testid="admin-privacy">
      <h2 className="relay-card__title">{t('admin.privacy.title')}</h2>
      <p className="relay-muted">{t('admin.privacy.help')}</p>
      <form className="admin-row" onSubmit={find} noValidate>
        <div className="relay-field">
          <label htmlFor="privacy-email">{t('admin.privacy.email')}</label>
          <input id="privacy-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="privacy-email" />
        </div>
        <div>
          <Button type="submit" isLoading={busy && !person} testId="privacy-find">
            {t('admin.privacy.find')}
          </Button>
        </div>
      </form>
      {error ? <ErrorBanner error={error} /> : null}
      {person ? (
        <div className="admin-row" data-testid="privacy-person">
          <p>
            <strong>{person.name}</strong> {person.email}
          </p>
          <div>
            <Button onClick={() => void exportAs('json')} isDisabled={busy} testId="privacy-json">{t('admin.privacy.json')}</Button>{' '}
            <Button onClick={() => void exportAs('csv')} isDisabled={busy} testId="privacy-csv">{t('admin.privacy.csv')}</Button>{' '}
            {/* Read-only (license not active): a new erasure is refused on the server, so it is not offered; exports still answer. */}
            {readOnly ? null : <Button appearance="danger" onClick={() => setConfirming(true)} isDisabled={busy} testId="privacy-erase">{t('admin.privacy.erase')}</Button>}
          </div>
        </div>
      ) : null}
      {confirming && person ? (
        <Modal onClose={() => setConfirming(false)} testId="privacy-confirm">
          <ModalHeader>
            <ModalTitle appearance="danger">{t('admin.privacy.confirm.title', { name: person.name })}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <p>{t('admin.privacy.confirm.body')}</p>
            <div className="relay-field">
              <label htmlFor="privacy-confirm-name">{t('admin.privacy.confirm.type', { name: person.name })}</label>
              <input id="privacy-confirm-name" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="privacy-confirm-name" />
            </div>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button appearance="danger" onClick={() => void erase()} isDisabled={typed.trim() !== person.name} isLoading={busy} testId="privacy-confirm-erase">
              {t('admin.privacy.erase')}
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </section>
  );
}
