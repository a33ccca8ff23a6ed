/**
 * What a port may fail with, as errors the use cases can recognise (`instanceof`) without knowing
 * which adapter raised them: storage refusing a conditioned write, Jira busy or refusing.
 */

/**
 * A write that did not happen because what it was conditioned on did not hold: a transaction whose
 * condition or check failed, or a create-only write (`keyPolicy: 'FAIL_IF_EXISTS'`) of a key that
 * exists. Forge does not document the error either answers with, so create-only writes read the
 * key back and raise this instead (see `createOnly`).
 */
export class WriteRefused extends Error {
  constructor(readonly key: string) {
    super(`The write of ${key} was refused: its condition did not hold`);
    this.name = 'WriteRefused';
  }
}

/**
 * Thrown when the record was saved by someone else since it was read (or created by them first): a
 * refused write like any other condition failure, so the one versioned save (usecases/versioned-save.ts) handles it.
 */
export class GuardVersionMoved extends WriteRefused {
  constructor(key: string) {
    super(key);
    this.name = 'GuardVersionMoved';
  }
}

export class JiraBusy extends Error {
  constructor(readonly status: number, readonly retryAfterSeconds: number | null, message: string) {
    super(message);
    this.name = 'JiraBusy';
  }
}

export class JiraRefused extends Error {
  constructor(readonly status: number, message: string, readonly fields: Record<string, string> = {}) {
    super(message);
    this.name = 'JiraRefused';
  }
}
