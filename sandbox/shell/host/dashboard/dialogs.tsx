import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import type { FormEvent } from 'react';
import { useState } from 'react';

/** Jira asks before a gadget goes: its configuration goes with it. */
export function RemoveGadgetDialog({ title, busy, onConfirm, onClose }: { title: string; busy: boolean; onConfirm(): void; onClose(): void }) {
  return (
    <Modal onClose={onClose} width="small" testId="remove-gadget-dialog">
      <ModalHeader>
        <ModalTitle appearance="danger">Remove gadget?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Text as="p">{`“${title}” and its settings will be removed from this dashboard.`}</Text>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
        <Button appearance="danger" isLoading={busy} onClick={onConfirm} testId="confirm-remove-gadget">
          Remove
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** "Create dashboard": a name (Jira's rule: unique among the owner's dashboards), an optional description. */
export function CreateDashboardDialog({ busy, error, onCreate, onClose }: { busy: boolean; error: string | null; onCreate(name: string, description: string): void; onClose(): void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onCreate(name, description);
  };
  return (
    <Modal onClose={onClose} width="small" testId="create-dashboard-dialog">
      <form onSubmit={submit}>
        <ModalHeader>
          <ModalTitle>Create dashboard</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.100">
            <Label htmlFor="new-dashboard-name">Name</Label>
            <Textfield id="new-dashboard-name" value={name} onChange={(e) => setName(e.currentTarget.value)} isRequired autoFocus />
            <Label htmlFor="new-dashboard-description">Description</Label>
            <Textfield id="new-dashboard-description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
            <Text as="p" color="color.text.subtle">
              Everyone in your organisation can view it; only you can change it.
            </Text>
            {error ? <ErrorMessage>{error}</ErrorMessage> : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
          <Button appearance="primary" type="submit" isLoading={busy} isDisabled={name.trim() === ''} testId="create-dashboard-submit">
            Create
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
