import { useEffect, useRef } from 'react';

/**
 * Scrolls the product's page so that an area of this frame's document is in sight. An element
 * fixed to the frame's viewport counts as always in view to the browser, so a stand-in placed at
 * the same spot in the document is what gets scrolled into view (which moves the page around the
 * frame, as for any element of it).
 */
export function revealInPage(rect: DOMRect): void {
  const probe = document.createElement('div');
  probe.setAttribute('aria-hidden', 'true');
  probe.style.cssText = `position:absolute;left:${rect.left + window.scrollX}px;top:${rect.top + window.scrollY}px;width:${rect.width}px;height:${rect.height}px;pointer-events:none;visibility:hidden;`;
  document.body.appendChild(probe);
  probe.scrollIntoView({ block: 'center', inline: 'nearest' });
  probe.remove();
}

/**
 * Put inside a modal's content: brings the dialog to where the user is. Jira sizes a Custom UI
 * frame to its page, so a long board makes the frame taller than the window and a modal opens at
 * the top of the frame, possibly far above the part of the page the user scrolled to; this moves
 * the page to the dialog (its height is capped in styles.css, so header, fields and Save all fit a
 * 900-pixel window).
 */
export function DialogInView() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const dialog = ref.current?.closest('[role="dialog"]');
      if (dialog) revealInPage(dialog.getBoundingClientRect());
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  return <span ref={ref} hidden />;
}
