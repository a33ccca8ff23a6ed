import Checkbox from '@atlaskit/checkbox';
import { DatePicker } from '@atlaskit/datetime-picker';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { renderChildren } from './render';
import type { RenderContext, WireNode } from './wire';
import { bool, has, str } from './wire';

/**
 * UI Kit's form fields, drawn with Atlaskit. A controlled field's value lives in the app's frame, a
 * round trip away: the field keeps what the person typed while their changes are on their way, and
 * takes the app's value again once none is pending (so an app that clears a field after submitting
 * clears it here too). The events are the ones UI Kit passes: `{ target: { value } }` for text,
 * `{ target: { checked } }` for a checkbox, the option or the date string for pickers.
 */
function useWiredValue<T>(node: WireNode, ctx: RenderContext, fromApp: T): [T, (value: T, event: unknown) => void] {
  const [local, setLocal] = useState<T>(fromApp);
  const pending = useRef(0);
  const latest = useRef(fromApp);
  latest.current = fromApp;
  const serialised = JSON.stringify(fromApp ?? null);
  useEffect(() => {
    if (pending.current === 0) setLocal(latest.current);
  }, [serialised]);
  const change = (value: T, event: unknown) => {
    setLocal(value);
    if (!has(node, 'onChange')) return;
    pending.current += 1;
    void ctx
      .act(node, 'onChange', [event])
      .catch(() => undefined)
      .finally(() => {
        pending.current -= 1;
        if (pending.current === 0) setLocal(latest.current);
      });
  };
  return [local, change];
}

/** The value the app controls, or (uncontrolled) the default it gave. */
function appValue(node: WireNode, fallback: unknown): unknown {
  return 'value' in node.props ? node.props.value : (node.props.defaultValue ?? fallback);
}

function common(node: WireNode) {
  const p = node.props;
  return {
    id: str(p.id),
    name: str(p.name),
    isDisabled: bool(p.isDisabled),
    isInvalid: bool(p.isInvalid),
    isRequired: bool(p.isRequired),
    'aria-label': str(p['aria-label']) ?? str(p.label),
  };
}

export function TextField({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const [value, change] = useWiredValue(node, ctx, String(appValue(node, '') ?? ''));
  return (
    <div data-forge-type={node.type} data-forge-key={node.key}>
      <Textfield
        {...common(node)}
        type={str(node.props.type) ?? 'text'}
        placeholder={str(node.props.placeholder)}
        value={value}
        onChange={(e) => change(e.currentTarget.value, { target: { value: e.currentTarget.value }, currentTarget: { value: e.currentTarget.value } })}
        onBlur={has(node, 'onBlur') ? () => void ctx.act(node, 'onBlur', [{ type: 'blur' }]).catch(() => undefined) : undefined}
      />
    </div>
  );
}

export function TextAreaField({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const [value, change] = useWiredValue(node, ctx, String(appValue(node, '') ?? ''));
  return (
    <div data-forge-type={node.type} data-forge-key={node.key}>
      <TextArea
        {...common(node)}
        placeholder={str(node.props.placeholder)}
        value={value}
        onChange={(e) => change(e.currentTarget.value, { target: { value: e.currentTarget.value }, currentTarget: { value: e.currentTarget.value } })}
      />
    </div>
  );
}

interface Option {
  label: string;
  value: unknown;
}

export function SelectField({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const [value, change] = useWiredValue<unknown>(node, ctx, appValue(node, null));
  const options = (Array.isArray(node.props.options) ? node.props.options : []) as Option[];
  return (
    <div data-forge-type={node.type} data-forge-key={node.key}>
      <Select<Option, boolean>
        inputId={str(node.props.inputId) ?? str(node.props.id)}
        name={str(node.props.name)}
        aria-label={str(node.props['aria-label'])}
        options={options}
        value={(value ?? null) as Option | null}
        placeholder={str(node.props.placeholder)}
        isMulti={bool(node.props.isMulti)}
        isClearable={bool(node.props.isClearable)}
        isDisabled={bool(node.props.isDisabled)}
        isSearchable={node.props.isSearchable !== false}
        isInvalid={bool(node.props.isInvalid)}
        menuPortalTarget={document.body}
        styles={{ menuPortal: (base) => ({ ...base, zIndex: 600 }) }}
        onChange={(option) => change(option, option)}
      />
    </div>
  );
}

export function CheckboxField({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const [checked, change] = useWiredValue(node, ctx, bool('isChecked' in node.props ? node.props.isChecked : node.props.defaultChecked));
  return (
    <div data-forge-type={node.type} data-forge-key={node.key}>
      <Checkbox
        {...common(node)}
        label={str(node.props.label)}
        value={str(node.props.value)}
        isChecked={checked}
        onChange={(e) => change(e.currentTarget.checked, { target: { checked: e.currentTarget.checked, value: e.currentTarget.value }, currentTarget: { checked: e.currentTarget.checked } })}
      />
    </div>
  );
}

export function DateField({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const [value, change] = useWiredValue(node, ctx, String(appValue(node, '') ?? ''));
  return (
    <div data-forge-type={node.type} data-forge-key={node.key}>
      <DatePicker id={str(node.props.id)} name={str(node.props.name)} isDisabled={bool(node.props.isDisabled)} value={value} placeholder={str(node.props.placeholder)} onChange={(date) => change(date, date)} />
    </div>
  );
}

/** A Form submits through its app-side `onSubmit` (UI Kit's useForm collects the fields there). */
export function FormField({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (has(node, 'onSubmit')) void ctx.act(node, 'onSubmit', [{ type: 'submit' }]).catch(() => undefined);
  };
  return (
    <form data-forge-type={node.type} data-forge-key={node.key} id={str(node.props.id)} onSubmit={submit} noValidate>
      {renderChildren(node, ctx)}
    </form>
  );
}
