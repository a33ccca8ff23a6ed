import { useState } from 'react';
import type { Built, FieldErrors } from './forms';
import { apiFieldErrors } from './forms';

/**
 * The state every create form shares: the draft, field errors (from the shared zod schema before the
 * call, from the server's VALIDATION after it), the server's refusal (to name a duplicate's holder),
 * and the saving flag. `submit` checks, calls `create`, and hands the record (and the draft it was
 * made from) to `onCreated`; `setDraft` lets a form that stays open start its next draft.
 * `serverErrors` lets a form show a server field under the input it came from (amountMinor → amount).
 */
export function useCreateForm<Draft, Input, Result>(options: {
  initial: Draft;
  build: (draft: Draft) => Built<Input>;
  create: (input: Input) => Promise<Result>;
  onCreated: (record: Result, submitted: Draft) => void;
  serverErrors?: (fields: FieldErrors) => FieldErrors;
}) {
  const [draft, setDraft] = useState<Draft>(options.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async () => {
    setFailure(null);
    const built = options.build(draft);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      options.onCreated(await options.create(built.input), draft);
    } catch (error) {
      const fields = apiFieldErrors(error);
      setErrors(options.serverErrors ? options.serverErrors(fields) : fields);
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return { draft, set, setDraft, errors, failure, saving, submit };
}
