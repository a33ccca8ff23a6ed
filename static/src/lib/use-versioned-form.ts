import { useState } from 'react';
import { ApiError } from './api-error';
import { flagError, flagSuccess } from './components';

export interface VersionedFormOptions<R extends { version: number }, D, I, E> {
  initial: R;
  draftOf: (record: R) => D;
  sameDraft: (a: D, b: D) => boolean;
  /** The draft checked with the shared schema: the input to send, or null while anything is wrong. */
  check: (draft: D, record: R) => { input: I | null };
  send: (input: I) => Promise<R>;
  /** What the server named wrong, in the form's terms; `noServerErrors` until it has. */
  noServerErrors: E;
  serverErrors: (fields: ApiError['fields'], draft: D) => E;
  /** The version someone else saved, from a CONFLICT's details (null when the form loads it another way). */
  parseCurrent: (current: unknown) => R | null;
  savedMessage: string;
  saveFailedMessage: string;
}

/**
 * A settings form that edits one versioned record: edits stay in a local draft until Save, which
 * checks the draft (no call while anything is wrong) and sends it with the version it was read at.
 * A server VALIDATION is kept for the fields it names; a CONFLICT keeps the version someone else
 * saved so the form can offer it; anything else is a failure. `footer` is what SaveFooter needs.
 */
export function useVersionedForm<R extends { version: number }, D, I, E>(options: VersionedFormOptions<R, D, I, E>) {
  const { initial, draftOf, sameDraft, check, send, noServerErrors, serverErrors, parseCurrent } = options;
  const [record, setRecord] = useState(initial);
  const [draft, setDraft] = useState<D>(() => draftOf(initial));
  const [attempted, setAttempted] = useState(false);
  const [server, setServer] = useState<E>(noServerErrors);
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ error: ApiError; current: R | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = !sameDraft(draft, draftOf(record));

  const change = (next: D) => {
    setDraft(next);
    setServer(noServerErrors);
  };

  const reset = (to: R) => {
    setRecord(to);
    setDraft(draftOf(to));
    setAttempted(false);
    setServer(noServerErrors);
    setConflict(null);
    setFailure(null);
  };

  const save = async () => {
    setAttempted(true);
    setFailure(null);
    setConflict(null);
    const checked = check(draft, record);
    if (!checked.input) return;
    setSaving(true);
    try {
      reset(await send(checked.input));
      flagSuccess(options.savedMessage);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION') {
        setServer(serverErrors(error.fields, draft));
        setFailure(error);
      } else if (error instanceof ApiError && error.code === 'CONFLICT') {
        setConflict({ error, current: parseCurrent(error.details.current) });
      } else {
        setFailure(error);
        flagError(error, options.saveFailedMessage);
      }
    } finally {
      setSaving(false);
    }
  };

  return {
    record,
    draft,
    attempted,
    serverErrors: server,
    failure,
    conflict,
    saving,
    dirty,
    change,
    reset,
    save,
    footer: { conflict, onLoadTheirs: reset, failure, dirty, saving, onDiscard: () => reset(record) },
  };
}
