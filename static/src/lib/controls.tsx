import { DatePicker } from '@atlaskit/datetime-picker';
import Select from '@atlaskit/select';
import { t } from './i18n';

/**
 * The design system's controls, as Relay's filters and forms use them: Atlaskit's Select for a
 * choice and its DatePicker for a calendar date (never the browser's native ones, which look and
 * behave unlike the rest of Jira). Values stay plain strings ('' for none, dates as YYYY-MM-DD),
 * so the pages keep their own state as before.
 */
export interface Choice {
  value: string;
  label: string;
}

/** A labelled single choice. `inputId` is its input's id (what a <label htmlFor> and tests point at). */
export function ChoiceSelect({ inputId, label, value, options, onChange, width = 180, isInvalid, describedBy }: { inputId: string; label?: string; value: string; options: readonly Choice[]; onChange: (value: string) => void; width?: number; isInvalid?: boolean; describedBy?: string }) {
  const selected = options.find((o) => o.value === value) ?? null;
  return (
    <div style={{ minWidth: width }}>
      <Select<Choice>
        inputId={inputId}
        aria-label={label}
        aria-describedby={describedBy}
        options={options}
        value={selected}
        onChange={(choice) => onChange(choice?.value ?? '')}
        isSearchable={options.length > 8}
        spacing="compact"
        isInvalid={isInvalid}
        menuPortalTarget={typeof document === 'undefined' ? null : document.body}
        styles={{ menuPortal: (base) => ({ ...base, zIndex: 800 }) }}
      />
    </div>
  );
}

/** A calendar date in the user's locale; '' when none. `id` is the input's id for its label. */
export function DateField(props: { id?: string; label?: string; value: string; onChange: (value: string) => void; locale?: string; isInvalid?: boolean; describedBy?: string; testId?: string; 'aria-describedby'?: string }) {
  const { id, label, value, onChange, locale, isInvalid, testId } = props;
  // Forms' <Field> hands its children `aria-describedby`; the picker takes it as a prop of its own.
  const describedBy = props.describedBy ?? props['aria-describedby'];
  return (
    <DatePicker
      {...(id ? { id } : {})}
      {...(label ? { label } : {})}
      value={value}
      onChange={onChange}
      {...(locale ? { locale } : {})}
      isInvalid={isInvalid ?? false}
      {...(describedBy ? { 'aria-describedby': describedBy } : {})}
      {...(testId ? { testId } : {})}
      spacing="compact"
      placeholder={t('common.datePlaceholder')}
      shouldShowCalendarButton
      // The calendar opens in a layer of the frame's body, so a dialog's scrolling body never cuts it off.
      selectProps={{ menuPortalTarget: typeof document === 'undefined' ? null : document.body, styles: { menuPortal: (base: object) => ({ ...base, zIndex: 800 }) } }}
    />
  );
}
