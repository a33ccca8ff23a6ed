import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import { t } from '../../lib/i18n';
import '../../lib/areas/insights';

/**
 * A number's definition one hover (or one Tab) away: an "i" button that shows the glossary text
 * the server sent, so an admin's rewording shows here exactly as on the gadgets. The text is always
 * tied to the button with aria-describedby (a screen reader reads it with the button's name); the
 * visible bubble opens on hover and on focus and closes on Escape, as WCAG 1.4.13 asks. A small
 * tooltip of our own rather than @atlaskit/tooltip: a page of tables carries dozens of these, and
 * they must show for keyboard focus inside the Custom UI iframe without a popper per cell.
 */
export function Definition({ term, text, testId }: { term: string; text: string; testId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <span className="insights-definition-wrap" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className="insights-definition"
        aria-label={t('insights.definition', { metric: term })}
        aria-describedby={`${id}-text`}
        aria-expanded={open}
        data-testid={testId}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        i
      </button>
      <span id={`${id}-text`} hidden>
        {text}
      </span>
      {open ? (
        <span role="tooltip" className="insights-tooltip" data-testid={`${testId}-tooltip`}>
          {text}
        </span>
      ) : null}
    </span>
  );
}

/**
 * One figure with its label, its definition, an optional line of detail, and the data it was
 * computed from (`basis`), the same words the Pipeline gadget shows.
 */
export function Metric({ id, label, value, detail, definition, basis }: { id: string; label: string; value: ReactNode; detail?: ReactNode; definition: string; basis?: ReactNode }) {
  return (
    <div className="insights-metric" data-testid={`metric-${id}`}>
      <div className="insights-metric__label">
        <span>{label}</span>
        <Definition term={label} text={definition} testId={`definition-${id}`} />
      </div>
      <div className="insights-metric__value" data-testid={`metric-${id}-value`}>
        {value}
      </div>
      {detail ? <div className="insights-metric__detail">{detail}</div> : null}
      {basis ? (
        <div className="insights-metric__basis" data-testid={`metric-${id}-basis`}>
          {basis}
        </div>
      ) : null}
    </div>
  );
}
