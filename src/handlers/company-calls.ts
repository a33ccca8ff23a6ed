import { Calls } from '../contracts/calls';
import { archiveCompany, restoreCompany, updateCompany } from '../usecases/companies/change-company';
import { createCompany } from '../usecases/companies/create-company';
import { getCompany, listCompanies, searchCompanies } from '../usecases/companies/read-companies';
import { defineCall } from './define-call';

/** Companies: thin handlers, each one use case (parse and envelope in defineCall). */
export const companyCalls = [
  defineCall(Calls.companies.create, (input, ctx) => createCompany(ctx, input)),
  defineCall(Calls.companies.update, (input, ctx) => updateCompany(ctx, input)),
  defineCall(Calls.companies.archive, (input, ctx) => archiveCompany(ctx, input)),
  defineCall(Calls.companies.restore, (input, ctx) => restoreCompany(ctx, input)),
  defineCall(Calls.companies.get, (input, ctx) => getCompany(ctx, input)),
  defineCall(Calls.companies.list, (input, ctx) => listCompanies(ctx, input)),
  defineCall(Calls.companies.search, (input, ctx) => searchCompanies(ctx, input)),
];
