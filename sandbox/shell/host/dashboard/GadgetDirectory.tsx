import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { GadgetType } from './types';

export interface GadgetDirectoryProps {
  gadgetTypes: GadgetType[];
  /** The type being added right now (its button shows as loading). */
  adding: string | null;
  onAdd(moduleKey: string): void;
  onClose(): void;
}

/**
 * Jira's "Add a gadget" directory: every gadget the site's apps provide, with the title, description
 * and thumbnail their manifest gives, a search over title and description, and "Add gadget" on each.
 */
export function GadgetDirectory({ gadgetTypes, adding, onAdd, onClose }: GadgetDirectoryProps) {
  const [search, setSearch] = useState('');
  const wanted = search.trim().toLowerCase();
  const shown = gadgetTypes.filter((t) => wanted === '' || `${t.title} ${t.description}`.toLowerCase().includes(wanted));
  return (
    <Modal onClose={onClose} width="medium" testId="gadget-directory">
      <ModalHeader>
        <ModalTitle>Add a gadget</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.200">
          <Textfield aria-label="Search gadgets" placeholder="Search gadgets" value={search} onChange={(e) => setSearch(e.currentTarget.value)} autoFocus />
          {shown.length === 0 ? <Text as="p">{`No gadget matches “${search.trim()}”.`}</Text> : null}
          {shown.map((type) => (
            <div key={type.moduleKey} data-testid={`directory-item-${type.moduleKey}`} style={{ borderBottom: '1px solid var(--ds-border, #dcdfe4)', paddingBottom: 12 }}>
              <Inline space="space.200" alignBlock="start">
                <Box>
                  {type.thumbnailUrl ? (
                    <img src={type.thumbnailUrl} alt="" width={72} height={72} style={{ borderRadius: 4, border: '1px solid var(--ds-border, #dcdfe4)', display: 'block' }} />
                  ) : (
                    <div style={{ width: 72, height: 72, borderRadius: 4, background: 'var(--ds-background-neutral, #f1f2f4)' }} />
                  )}
                </Box>
                <Stack space="space.075" grow="fill">
                  <Heading size="xsmall" as="h3">
                    {type.title}
                  </Heading>
                  <Text as="p" color="color.text.subtle">
                    {type.description}
                  </Text>
                  <Inline>
                    <Button appearance="primary" isLoading={adding === type.moduleKey} isDisabled={adding !== null && adding !== type.moduleKey} onClick={() => onAdd(type.moduleKey)} testId={`directory-add-${type.moduleKey}`}>
                      Add gadget
                    </Button>
                  </Inline>
                </Stack>
              </Inline>
            </div>
          ))}
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Close
        </Button>
      </ModalFooter>
    </Modal>
  );
}
