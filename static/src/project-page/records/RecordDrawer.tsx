import Drawer, { DrawerCloseButton, DrawerContent, DrawerSidebar } from '@atlaskit/drawer';
import type { ReactNode } from 'react';
import { t } from '../../lib/i18n';

/**
 * The record drawer: opened from a table row or a link (its id is in the subpage path, e.g.
 * /deals/<id>, so it survives reloads and can be shared), closed with Escape, the close button or a
 * click outside; focus returns to where it was.
 */
export function RecordDrawer({ label, onClose, children, testId }: { label: string; onClose: () => void; children: ReactNode; testId: string }) {
  return (
    <Drawer isOpen onClose={onClose} label={label} width="wide" enterFrom="right" testId={testId}>
      <DrawerSidebar>
        <DrawerCloseButton label={t('records.drawer.close')} testId={`${testId}-close`} />
      </DrawerSidebar>
      <DrawerContent>
        <div className="relay-drawer">{children}</div>
      </DrawerContent>
    </Drawer>
  );
}

/** A label/value list for a record's details; values may be inline editors. */
export function Facts({ items }: { items: Array<{ label: string; value: ReactNode; testId?: string }> }) {
  return (
    <dl className="relay-facts">
      {items.map((item) => (
        <div key={item.label} className="relay-facts__row" data-testid={item.testId}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
