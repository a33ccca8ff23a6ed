import type { z } from 'zod';
import { StatusInput, StatusResult } from './system';
import {
  BoardInput,
  BoardResult,
  CreateDealInput,
  DealMatches,
  DealPage,
  DealRecord,
  DealRef,
  GetDealInput,
  ListDealsInput,
  LoseDealInput,
  MoveDealInput,
  ReopenDealInput,
  SearchDealsInput,
  UpdateDealInput,
} from './deal';
import { ActivityRecord, ActivityRef, CreateActivityInput, DeletedActivity, MyTasksInput, TaskPage, TimelineInput, TimelinePage, UpdateActivityInput } from './activity';
import { CompanyPage, CompanyRecord, CompanyRef, CreateCompanyInput, GetCompanyInput, ListCompaniesInput, SearchCompaniesInput, UpdateCompanyInput } from './company';
import { ContactPage, ContactRecord, ContactRef, CreateContactInput, GetContactInput, ListContactsInput, SearchContactsInput, UpdateContactInput } from './contact';
import { ProjectContext } from './project';
import { SetupInput, SetupResult } from './setup';
import { PeopleResult, ProjectAdminsInput, ProjectAdminsResult, ResolvePeopleInput } from './people';
import {
  MetricsInput,
  MetricsResult,
  PipelineGadgetInput,
  PipelineGadgetResult,
  RefreshResult,
  SaveSiteSettingsInput,
  SiteSettingsInput,
  SiteSettingsRecord,
} from './metrics';
import {
  FlagExpansionInput,
  IssueDealView,
  IssueRef,
  LinkDealInput,
  LinkResult,
  PreviewInput,
  PreviewResult,
  TemplateInput,
  TemplateRecord,
  UnlinkResult,
  UpdateTemplateInput,
} from './handoff';
import { ExportInput, ExportSlice } from './export';
import { ContactData, ContactPrivacyInput, ErasureQueued, FindPersonInput, FoundPerson } from './privacy';
import { DuplicatesSlice, FindDuplicatesInput, MergeInput, MergeResult } from './duplicates';
import { DealQualityInput, DealQualitySlice, RecordQuality, RecordQualityInput } from './quality';
import { CreateImportInput, ImportJobRecord, ImportList, ImportRef, ListImportsInput, RejectedRowsInput, RejectedRowsPage, StartImportInput, UploadPartInput } from './import';
import {
  FunnelInput,
  FunnelResult,
  LeadPage,
  LeadSettingsInput,
  LeadSettingsRecord,
  ListLeadsInput,
  RotateSecretInput,
  RotateSecretResult,
  SaveLeadSettingsInput,
  SecretStateInput,
  SecretStateRecord,
} from './lead';
import { PipelineRecord, ProjectInput, QueuedJob, RebuildResult, TotalsRecord, UpdatePipelineInput } from './pipeline';
import {
  HealthWeightsInput,
  HealthWeightsRecord,
  ListRenewalsInput,
  RenewalPage,
  RenewalSettingsInput,
  RenewalSettingsRecord,
  RenewalsGadgetInput,
  RenewalsGadgetResult,
  RenewalsOverview,
  RenewalsOverviewInput,
  RenewalsRefreshResult,
  RetentionInput,
  RetentionResult,
  SaveHealthWeightsInput,
  SaveRenewalSettingsInput,
} from './renewal';

/**
 * The one table of resolver keys, shared by the back end (src/handlers) and every UI (static/,
 * src/frontend). Keys are namespaced `area/verb`; each names its input and result schemas.
 */
export const Calls = {
  system: {
    status: { key: 'system/status', input: StatusInput, result: StatusResult },
  },
  people: {
    resolve: { key: 'people/resolve', input: ResolvePeopleInput, result: PeopleResult },
  },
  deals: {
    create: { key: 'deals/create', input: CreateDealInput, result: DealRecord },
    update: { key: 'deals/update', input: UpdateDealInput, result: DealRecord },
    move: { key: 'deals/move', input: MoveDealInput, result: DealRecord },
    win: { key: 'deals/win', input: DealRef, result: DealRecord },
    lose: { key: 'deals/lose', input: LoseDealInput, result: DealRecord },
    reopen: { key: 'deals/reopen', input: ReopenDealInput, result: DealRecord },
    archive: { key: 'deals/archive', input: DealRef, result: DealRecord },
    get: { key: 'deals/get', input: GetDealInput, result: DealRecord },
    list: { key: 'deals/list', input: ListDealsInput, result: DealPage },
    board: { key: 'deals/board', input: BoardInput, result: BoardResult },
    search: { key: 'deals/search', input: SearchDealsInput, result: DealMatches },
  },
  companies: {
    create: { key: 'companies/create', input: CreateCompanyInput, result: CompanyRecord },
    update: { key: 'companies/update', input: UpdateCompanyInput, result: CompanyRecord },
    archive: { key: 'companies/archive', input: CompanyRef, result: CompanyRecord },
    restore: { key: 'companies/restore', input: CompanyRef, result: CompanyRecord },
    get: { key: 'companies/get', input: GetCompanyInput, result: CompanyRecord },
    list: { key: 'companies/list', input: ListCompaniesInput, result: CompanyPage },
    search: { key: 'companies/search', input: SearchCompaniesInput, result: CompanyPage },
  },
  contacts: {
    create: { key: 'contacts/create', input: CreateContactInput, result: ContactRecord },
    update: { key: 'contacts/update', input: UpdateContactInput, result: ContactRecord },
    archive: { key: 'contacts/archive', input: ContactRef, result: ContactRecord },
    restore: { key: 'contacts/restore', input: ContactRef, result: ContactRecord },
    get: { key: 'contacts/get', input: GetContactInput, result: ContactRecord },
    list: { key: 'contacts/list', input: ListContactsInput, result: ContactPage },
    search: { key: 'contacts/search', input: SearchContactsInput, result: ContactPage },
  },
  projects: {
    context: { key: 'projects/context', input: ProjectInput, result: ProjectContext },
    admins: { key: 'projects/admins', input: ProjectAdminsInput, result: ProjectAdminsResult },
  },
  pipelines: {
    get: { key: 'pipelines/get', input: ProjectInput, result: PipelineRecord },
    enable: { key: 'pipelines/enable', input: ProjectInput, result: PipelineRecord },
    update: { key: 'pipelines/update', input: UpdatePipelineInput, result: PipelineRecord },
  },
  activities: {
    create: { key: 'activities/create', input: CreateActivityInput, result: ActivityRecord },
    update: { key: 'activities/update', input: UpdateActivityInput, result: ActivityRecord },
    complete: { key: 'activities/complete', input: ActivityRef, result: ActivityRecord },
    reopen: { key: 'activities/reopen', input: ActivityRef, result: ActivityRecord },
    delete: { key: 'activities/delete', input: ActivityRef, result: DeletedActivity },
  },
  timeline: {
    list: { key: 'timeline/list', input: TimelineInput, result: TimelinePage },
  },
  tasks: {
    mine: { key: 'tasks/mine', input: MyTasksInput, result: TaskPage },
  },
  handoff: {
    template: { key: 'handoff/template', input: TemplateInput, result: TemplateRecord },
    saveTemplate: { key: 'handoff/save-template', input: UpdateTemplateInput, result: TemplateRecord },
    preview: { key: 'handoff/preview', input: PreviewInput, result: PreviewResult },
    forIssue: { key: 'handoff/for-issue', input: IssueRef, result: IssueDealView },
    accept: { key: 'handoff/accept', input: IssueRef, result: DealRecord },
    link: { key: 'handoff/link', input: LinkDealInput, result: LinkResult },
    unlink: { key: 'handoff/unlink', input: IssueRef, result: UnlinkResult },
    flagExpansion: { key: 'handoff/flag-expansion', input: FlagExpansionInput, result: DealRecord },
  },
  metrics: {
    project: { key: 'metrics/project', input: MetricsInput, result: MetricsResult },
    refresh: { key: 'metrics/refresh', input: MetricsInput, result: RefreshResult },
  },
  gadgets: {
    pipeline: { key: 'gadgets/pipeline', input: PipelineGadgetInput, result: PipelineGadgetResult },
    renewals: { key: 'gadgets/renewals', input: RenewalsGadgetInput, result: RenewalsGadgetResult },
  },
  settings: {
    site: { key: 'settings/site', input: SiteSettingsInput, result: SiteSettingsRecord },
    saveSite: { key: 'settings/save-site', input: SaveSiteSettingsInput, result: SiteSettingsRecord },
    health: { key: 'settings/health', input: HealthWeightsInput, result: HealthWeightsRecord },
    saveHealth: { key: 'settings/save-health', input: SaveHealthWeightsInput, result: HealthWeightsRecord },
  },
  renewals: {
    list: { key: 'renewals/list', input: ListRenewalsInput, result: RenewalPage },
    overview: { key: 'renewals/overview', input: RenewalsOverviewInput, result: RenewalsOverview },
    retention: { key: 'renewals/retention', input: RetentionInput, result: RetentionResult },
    refresh: { key: 'renewals/refresh', input: RenewalsOverviewInput, result: RenewalsRefreshResult },
    settings: { key: 'renewals/settings', input: RenewalSettingsInput, result: RenewalSettingsRecord },
    saveSettings: { key: 'renewals/save-settings', input: SaveRenewalSettingsInput, result: RenewalSettingsRecord },
  },
  imports: {
    create: { key: 'imports/create', input: CreateImportInput, result: ImportJobRecord },
    uploadPart: { key: 'imports/upload-part', input: UploadPartInput, result: ImportJobRecord },
    start: { key: 'imports/start', input: StartImportInput, result: ImportJobRecord },
    cancel: { key: 'imports/cancel', input: ImportRef, result: ImportJobRecord },
    get: { key: 'imports/get', input: ImportRef, result: ImportJobRecord },
    list: { key: 'imports/list', input: ListImportsInput, result: ImportList },
    rejectedRows: { key: 'imports/rejected-rows', input: RejectedRowsInput, result: RejectedRowsPage },
  },
  exports: {
    table: { key: 'exports/table', input: ExportInput, result: ExportSlice },
  },
  privacy: {
    findPerson: { key: 'privacy/find-person', input: FindPersonInput, result: FoundPerson },
    exportContact: { key: 'privacy/export-contact', input: ContactPrivacyInput, result: ContactData },
    eraseContact: { key: 'privacy/erase-contact', input: ContactPrivacyInput, result: ErasureQueued },
  },
  duplicates: {
    find: { key: 'duplicates/find', input: FindDuplicatesInput, result: DuplicatesSlice },
    merge: { key: 'duplicates/merge', input: MergeInput, result: MergeResult },
  },
  quality: {
    deals: { key: 'quality/deals', input: DealQualityInput, result: DealQualitySlice },
    records: { key: 'quality/records', input: RecordQualityInput, result: RecordQuality },
  },
  setup: {
    checklist: { key: 'setup/checklist', input: SetupInput, result: SetupResult },
  },
  leads: {
    list: { key: 'leads/list', input: ListLeadsInput, result: LeadPage },
    funnel: { key: 'leads/funnel', input: FunnelInput, result: FunnelResult },
    settings: { key: 'leads/settings', input: LeadSettingsInput, result: LeadSettingsRecord },
    saveSettings: { key: 'leads/save-settings', input: SaveLeadSettingsInput, result: LeadSettingsRecord },
    secret: { key: 'leads/secret', input: SecretStateInput, result: SecretStateRecord },
    rotateSecret: { key: 'leads/rotate-secret', input: RotateSecretInput, result: RotateSecretResult },
  },
  totals: {
    get: { key: 'totals/get', input: ProjectInput, result: TotalsRecord },
    rebuild: { key: 'totals/rebuild', input: ProjectInput, result: RebuildResult },
    rebuildLater: { key: 'totals/rebuild-later', input: ProjectInput, result: QueuedJob },
  },
} as const;

export const CONTRACT_VERSION = 1;

type Leaves<T> = T extends { key: string; input: z.ZodType; result: z.ZodType } ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type CallSpec = Leaves<typeof Calls>;
export type CallKey = CallSpec['key'];
export type InputOf<C extends CallSpec> = z.input<C['input']>;
export type ResultOf<C extends CallSpec> = z.infer<C['result']>;
