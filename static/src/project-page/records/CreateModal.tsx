import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import type { FormEvent, ReactNode } from 'react';
import { DialogInView } from '../../lib/dialog-in-view';
import { t } from '../../lib/i18n';

/**
 * The frame of every create form: an Atlaskit modal holding a real <form> (Enter submits, Escape and
 * Cancel close), with the fields and errors the caller renders. `noValidate` because the shared zod
 * schemas validate, and their messages are the ones shown beside the fields.
 */
export function CreateModal({ title, onClose, onSubmit, saving, submitLabel, testId, children }: { title: string; onClose: () => void; onSubmit: () => void; saving: boolean; submitLabel: string; testId: string; children: ReactNode }) {
  return (
    <Modal onClose={onClose} width="medium" testId={testId}>
      <form
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <ModalHeader>
          <ModalTitle>{title}</ModalTitle>
          <DialogInView />
        </ModalHeader>
        <ModalBody>
          <div className="relay-form">{children}</div>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose} isDisabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" appearance="primary" isLoading={saving} testId={`${testId}-submit`}>
            {submitLabel}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}

/** A taken domain or email: whose it is, and a way straight to that record. */
export function ExistsAlready({ holder, onOpen }: { holder: { id: string; name: string; archived: boolean }; onOpen: (id: string) => void }) {
  return (
    <p className="relay-exists" data-testid="exists-already">
      {t(holder.archived ? 'records.exists.archived' : 'records.exists', { name: holder.name })}{' '}
      <button type="button" className="relay-link" onClick={() => onOpen(holder.id)} data-testid="exists-open">
        {t('records.exists.open', { name: holder.name })}
      </button>
    </p>
  );
}
