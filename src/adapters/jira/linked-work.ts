import { z } from 'zod';
import type { LinkedIssue } from '../../domain/health';
import { DEAL_PROPERTY } from './delivery';
import { JiraBusy, JiraRefused } from '../../ports/failures';
import { jqlPages } from './jql-search';

/**
 * The open Jira work linked to companies, for their health: every issue whose `relay-deal` property
 * names one of the companies (JQL `relayCompanyId in (…)`, indexed by the `jira:entityProperty`
 * module) and is not done. Search lags behind writes, so the ids Relay knows changed (the issue of
 * an event) are passed as `reconcileIssues` and read as they are now.
 */
const PAGE = 100;
const MAX_PAGES = 20;

const StatusCategory = z.looseObject({ key: z.string().optional() });

/** The fields health reads; Jira leaves out (or nulls) what an issue does not have. */
const SearchIssue = z.looseObject({
  fields: z
    .looseObject({
      duedate: z.string().nullish(),
      issuetype: z.looseObject({ name: z.string().optional() }).nullish(),
      status: z.looseObject({ name: z.string().optional(), statusCategory: StatusCategory.nullish() }).nullish(),
      issuelinks: z
        .array(
          z.looseObject({
            type: z.looseObject({ name: z.string().optional() }).nullish(),
            outwardIssue: z.looseObject({ fields: z.looseObject({ status: z.looseObject({ statusCategory: StatusCategory.nullish() }).nullish() }).nullish() }).nullish(),
          }),
        )
        .nullish(),
    })
    .optional(),
  // Anyone who can edit an issue can write its properties: their values are read leniently below.
  properties: z.record(z.string(), z.unknown()).optional(),
});

/** Relay's property as health reads it; an issue whose property does not fit names no company. */
const CompanyProperty = z.looseObject({ companyId: z.string() });

const quoted = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

export async function openLinkedIssues(companyIds: readonly string[], reconcileIds: readonly string[] = []): Promise<LinkedIssue[]> {
  if (companyIds.length === 0) return [];
  const what = "Searching the companies' linked work";
  const pages = jqlPages({
    jql: `relayCompanyId in (${companyIds.map(quoted).join(', ')}) AND statusCategory != Done ORDER BY created ASC`,
    fields: ['duedate', 'issuetype', 'status', 'issuelinks'],
    properties: [DEAL_PROPERTY],
    pageSize: PAGE,
    maxPages: MAX_PAGES,
    reconcileIssues: reconcileIds.filter((id) => /^\d+$/.test(id)).slice(0, 50).map(Number),
    issue: SearchIssue,
    what,
    refuse: (response) => {
      const message = `${what}: Jira answered ${response.status}`;
      if (response.status === 429 || response.status >= 500) return new JiraBusy(response.status, Number(response.headers.get('retry-after')) || null, message);
      return new JiraRefused(response.status, message);
    },
  });
  const issues: LinkedIssue[] = [];
  for await (const page of pages) {
    for (const issue of page) {
      const companyId = CompanyProperty.safeParse(issue.properties?.[DEAL_PROPERTY]).data?.companyId;
      if (!companyId || !companyIds.includes(companyId)) continue;
      const fields = issue.fields ?? {};
      const blockedByOpen = (fields.issuelinks ?? []).filter((link) => link.type?.name === 'Blocks' && link.outwardIssue && link.outwardIssue.fields?.status?.statusCategory?.key !== 'done').length;
      issues.push({
        companyId,
        done: fields.status?.statusCategory?.key === 'done',
        duedate: fields.duedate ?? null,
        issueType: fields.issuetype?.name ?? '',
        statusName: fields.status?.name ?? '',
        blockedByOpen,
      });
    }
  }
  return issues;
}
