import { Calls } from '../contracts/calls';
import { exportContact, findPerson, requestErasure } from '../usecases/privacy/export-contact';
import { defineCall } from './define-call';

/** A contact's personal data (admin page): thin handlers (parse and envelope in defineCall). */
export const privacyCalls = [
  defineCall(Calls.privacy.findPerson, (input, ctx) => findPerson(ctx, input.email)),
  defineCall(Calls.privacy.exportContact, (input, ctx) => exportContact(ctx, input.contactId)),
  defineCall(Calls.privacy.eraseContact, (input, ctx) => requestErasure(ctx, input.contactId)),
];
