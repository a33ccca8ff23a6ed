import type { KeyboardEvent, ReactNode } from 'react';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import './tip.css';

/**
 * Hover-or-focus tooltip state for one trigger: open on hover or focus, closed on leave, blur or
 * Escape (WCAG 1.4.13), flipped leftwards when it would leave the narrow gadget frame.
 * Drawn without @atlaskit/tooltip, whose popper runtime would cost the gadget's budget for a label.
 */
function useTip() {
  const id = useId();
  const [open, setOpen] = useState(false);
  const tip = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const node = tip.current;
    if (!open || !node) return;
    node.classList.remove('relay-def__tip--end');
    if (node.getBoundingClientRect().right > document.documentElement.clientWidth) node.classList.add('relay-def__tip--end');
  }, [open]);
  return {
    id,
    open,
    tip,
    wrapper: { onMouseEnter: () => setOpen(true), onMouseLeave: () => setOpen(false) },
    trigger: {
      'aria-describedby': id,
      onFocus: () => setOpen(true),
      onBlur: () => setOpen(false),
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key === 'Escape') setOpen(false);
      },
    },
  };
}

/**
 * A number with its definition one hover (or one Tab) away. The number is a button so keyboard
 * users reach it; the definition is its accessible description.
 */
export function Defined({ definition, children, testId }: { definition: ReactNode; children: ReactNode; testId?: string }) {
  const tip = useTip();
  return (
    <span className="relay-def" {...tip.wrapper}>
      <button type="button" className="relay-def__value" data-testid={testId} {...tip.trigger}>
        {children}
      </button>
      <span ref={tip.tip} role="tooltip" id={tip.id} className="relay-def__tip" hidden={!tip.open} data-testid={testId ? `${testId}-definition` : undefined}>
        {definition}
      </span>
    </span>
  );
}

/** An action button whose caveat (`hint`) shows as a tooltip on hover or focus and is its accessible description. */
export function HintedButton({ hint, children, onClick, testId, className = 'relay-button' }: { hint: string; children: ReactNode; onClick: () => void; testId?: string; className?: string }) {
  const tip = useTip();
  return (
    <span className="relay-def" {...tip.wrapper}>
      <button type="button" className={className} onClick={onClick} data-testid={testId} {...tip.trigger}>
        {children}
      </button>
      <span ref={tip.tip} role="tooltip" id={tip.id} className="relay-def__tip" hidden={!tip.open} data-testid={testId ? `${testId}-hint` : undefined}>
        {hint}
      </span>
    </span>
  );
}

