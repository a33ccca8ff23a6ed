import { Calls } from '../contracts/calls';
import { archiveContact, restoreContact, updateContact } from '../usecases/contacts/change-contact';
import { createContact } from '../usecases/contacts/create-contact';
import { getContact, listContacts, searchContacts } from '../usecases/contacts/read-contacts';
import { defineCall } from './define-call';

/** Contacts: thin handlers, each one use case (parse and envelope in defineCall). */
export const contactCalls = [
  defineCall(Calls.contacts.create, (input, ctx) => createContact(ctx, input)),
  defineCall(Calls.contacts.update, (input, ctx) => updateContact(ctx, input)),
  defineCall(Calls.contacts.archive, (input, ctx) => archiveContact(ctx, input)),
  defineCall(Calls.contacts.restore, (input, ctx) => restoreContact(ctx, input)),
  defineCall(Calls.contacts.get, (input, ctx) => getContact(ctx, input)),
  defineCall(Calls.contacts.list, (input, ctx) => listContacts(ctx, input)),
  defineCall(Calls.contacts.search, (input, ctx) => searchContacts(ctx, input)),
];
