import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useRef } from 'react';
import { query } from '../shell-api';
import type { Gadget } from './types';

export interface GadgetCardProps {
  gadget: Gadget;
  mode: 'view' | 'edit';
  accountId: string;
  colorMode: string;
  canEdit: boolean;
  /** Just added: the page scrolls to it, so its settings are in view. */
  justAdded: boolean;
  onConfigure(): void;
  onRemove(): void;
}

/** Jira's gadget colours for the title bar's accent. */
const ACCENT: Record<string, string> = {
  blue: 'var(--ds-border-brand, #0c66e4)',
  red: 'var(--ds-border-danger, #e2483d)',
  yellow: 'var(--ds-border-warning, #e2b203)',
  green: 'var(--ds-border-success, #22a06b)',
  cyan: 'var(--ds-border-accent-teal, #1d9aaa)',
  purple: 'var(--ds-border-discovery, #8270db)',
  gray: 'var(--ds-border, #dcdfe4)',
  white: 'var(--ds-border, #dcdfe4)',
};

/**
 * One gadget on the dashboard: its title bar (with Configure and Remove for people who can edit the
 * dashboard) and the app's Custom UI in an iframe — the view, or the edit view while configuring.
 * The frame carries the gadget's id, so its context and `view.submit` reach this gadget's configuration.
 */
export function GadgetCard({ gadget, mode, accountId, colorMode, canEdit, justAdded, onConfigure, onRemove }: GadgetCardProps) {
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (justAdded) card.current?.scrollIntoView({ block: 'start' });
  }, [justAdded]);
  const src = `/frame/${encodeURIComponent(gadget.moduleKey)}?${query({ accountId, theme: colorMode, gadget: gadget.id, entry: mode === 'edit' ? 'edit' : null })}`;
  return (
    <section
      ref={card}
      className="card gadget"
      data-testid={`gadget-${gadget.moduleKey}`}
      data-gadget-id={gadget.id}
      data-mode={mode}
      aria-label={gadget.title}
      style={{ borderTop: `3px solid ${ACCENT[gadget.color] ?? ACCENT.blue}` }}
    >
      <div className="card__head">
        <Heading size="xsmall" as="h2">
          {mode === 'edit' ? `${gadget.title}: settings` : gadget.title}
        </Heading>
        {canEdit ? (
          <Inline space="space.050">
            {gadget.configurable && mode === 'view' ? (
              <Button appearance="subtle" spacing="compact" onClick={onConfigure} testId={`gadget-edit-${gadget.moduleKey}`}>
                Configure
              </Button>
            ) : null}
            <Button appearance="subtle" spacing="compact" onClick={onRemove} testId={`gadget-remove-${gadget.moduleKey}`}>
              Remove
            </Button>
          </Inline>
        ) : null}
      </div>
      {gadget.installed ? (
        <iframe key={`${gadget.id}-${mode}`} className="frame" src={src} title={gadget.title} data-module={gadget.moduleKey} data-testid={`frame-gadget-${gadget.moduleKey}`} />
      ) : (
        <SectionMessage appearance="warning" title="This gadget is not available">
          <p>The app that provides it is no longer installed on this site.</p>
        </SectionMessage>
      )}
    </section>
  );
}
