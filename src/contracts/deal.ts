import { z } from 'zod';
import { DEAL_TYPES } from '../domain/deal';
import { HandoffRecord } from './handoff';
import { RenewalRefSchema, RenewedContractSchema } from './renewal';
import { SEGMENTS } from '../domain/company';
import { CRITERIA_FIELDS, FORECAST_CATEGORIES, OUTCOMES } from '../domain/pipeline';
import { AccountId, AmountMinor, Currency, Cursor, Id, IsoDate, LongText, PageLimit, ProjectKey, ShortText, Version, page } from './common';

export const ForecastCategory = z.enum(FORECAST_CATEGORIES);
export const Outcome = z.enum(OUTCOMES);
export const DealType = z.enum(DEAL_TYPES);
export const CriteriaField = z.enum(CRITERIA_FIELDS);

const NullableText = z.string().nullable();
/** The first touch of the contact the deal came from: channel (also the deal's source), campaign, UTM. */
export const DealAttributionRecord = z.object({
  channel: z.string(),
  campaign: NullableText,
  utm: z.object({ source: NullableText, medium: NullableText, campaign: NullableText, term: NullableText, content: NullableText }),
});

/**
 * A deal, whole: the one source of its shape. The domain's `Deal` is this schema's type
 * (domain/deal.ts), storage keeps it in the entity's `data` and parses it back with it
 * (adapters/kvs/deal-entity.ts, which only adds defaults for deals older versions stored), and
 * the record every UI reads is it plus its derived forecast (`DealRecord` below).
 */
export const DealSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  companyId: z.string().nullable(),
  contactIds: z.array(z.string()),
  amountMinor: z.number().nullable(),
  currency: z.string(),
  recurring: z.boolean(),
  type: DealType,
  stageId: z.string(),
  position: z.string(),
  /** A per-deal override of the stage's default forecast category; null follows the stage. */
  forecastOverride: ForecastCategory.nullable(),
  outcome: Outcome,
  lostReason: z.string().nullable(),
  closeDate: z.string().nullable(),
  ownerId: z.string(),
  source: z.string().nullable(),
  /** The campaign and UTM parameters of the first touch of the contact the deal was created from (kept forever). */
  attribution: DealAttributionRecord.nullable(),
  segment: z.enum(SEGMENTS).nullable(),
  nextStep: z.string().nullable(),
  nextStepDue: z.string().nullable(),
  contractStart: z.string().nullable(),
  contractEnd: z.string().nullable(),
  scope: z.string().nullable(),
  notSold: z.string().nullable(),
  stakeholders: z.string().nullable(),
  successCriteria: z.string().nullable(),
  stageEnteredAt: z.number(),
  /** Every stage the deal entered, in order (the stage conversion metric reads it). */
  stageHistory: z.array(z.string()),
  pushCount: z.number(),
  closedAt: z.number().nullable(),
  archived: z.boolean(),
  /** The hand-off to delivery, from the first win on (kept if the deal is reopened and won again). */
  handoff: HandoffRecord.nullable(),
  /** On a contract (a won recurring deal): the renewal deal Relay opened for it. */
  renewal: RenewalRefSchema.nullable(),
  /** On a renewal Relay opened: the contract it renews, as it was then. */
  renews: RenewedContractSchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

/**
 * A deal as every UI reads it: the deal without its stage history, with the forecast category and
 * probability its stage gives it, and the id, money and date formats a payload must have.
 */
export const DealRecord = DealSchema.omit({ stageHistory: true }).extend({
  id: Id,
  companyId: Id.nullable(),
  contactIds: z.array(Id),
  amountMinor: AmountMinor.nullable(),
  forecastCategory: ForecastCategory,
  probability: z.number(),
  closeDate: IsoDate.nullable(),
  ownerId: AccountId,
  nextStepDue: IsoDate.nullable(),
  contractStart: IsoDate.nullable(),
  contractEnd: IsoDate.nullable(),
  pushCount: z.number().int(),
  renewal: RenewalRefSchema.nullable().optional(),
  renews: RenewedContractSchema.nullable().optional(),
  version: Version,
});
export type DealRecord = z.infer<typeof DealRecord>;

/** Editable fields; each optional on update, where null clears a field. */
const editable = {
  name: ShortText.min(1, 'A deal needs a name'),
  companyId: Id.nullable(),
  contactIds: z.array(Id).max(50),
  amountMinor: AmountMinor.nullable(),
  currency: Currency,
  recurring: z.boolean(),
  type: DealType,
  forecastOverride: ForecastCategory.nullable(),
  closeDate: IsoDate.nullable(),
  ownerId: AccountId,
  source: ShortText.nullable(),
  segment: z.enum(SEGMENTS).nullable(),
  nextStep: ShortText.nullable(),
  nextStepDue: IsoDate.nullable(),
  contractStart: IsoDate.nullable(),
  contractEnd: IsoDate.nullable(),
  scope: LongText.nullable(),
  notSold: LongText.nullable(),
  stakeholders: LongText.nullable(),
  successCriteria: LongText.nullable(),
};

const contractOrder = <T extends { contractStart?: string | null; contractEnd?: string | null }>(value: T, ctx: z.RefinementCtx) => {
  if (value.contractStart && value.contractEnd && value.contractEnd < value.contractStart) {
    ctx.addIssue({ code: 'custom', path: ['contractEnd'], message: 'The contract ends before it starts', params: { reason: 'contract-order' } });
  }
};

export const CreateDealInput = z
  .object({ projectKey: ProjectKey, stageId: z.string().optional(), ...editable, ownerId: AccountId.optional(), currency: Currency.optional() })
  .partial({ companyId: true, contactIds: true, amountMinor: true, recurring: true, type: true, forecastOverride: true, closeDate: true, source: true, segment: true, nextStep: true, nextStepDue: true, contractStart: true, contractEnd: true, scope: true, notSold: true, stakeholders: true, successCriteria: true })
  .strict()
  .superRefine(contractOrder);

export const UpdateDealInput = z
  .object({ dealId: Id, version: Version, changes: z.object(editable).partial().strict() })
  .strict()
  .superRefine((value, ctx) => contractOrder(value.changes, ctx));

export const MoveDealInput = z
  .object({
    dealId: Id,
    version: Version,
    toStageId: z.string().min(1),
    /** The neighbours in the target column after the move, so the server computes the position. */
    afterDealId: Id.nullable(),
    beforeDealId: Id.nullable(),
    lostReason: ShortText.optional(),
  })
  .strict();

export const DealRef = z.object({ dealId: Id, version: Version }).strict();
export const LoseDealInput = z.object({ dealId: Id, version: Version, reason: ShortText.min(1, 'Say why the deal was lost') }).strict();
export const ReopenDealInput = z.object({ dealId: Id, version: Version, toStageId: z.string().min(1) }).strict();
export const GetDealInput = z.object({ dealId: Id }).strict();

export const DealSort = z.enum(['closeDate', 'updatedAt', 'position']);
/** The filters and order of a deal list: the Deals tab's and its CSV export's. */
export const DealListFilters = {
  outcome: Outcome.default('open'),
  stageId: z.string().optional(),
  ownerId: AccountId.optional(),
  /** A company's deals in this project (newest first by creation when sorted by close date is not asked). */
  companyId: Id.optional(),
  closeFrom: IsoDate.optional(),
  closeTo: IsoDate.optional(),
  forecastCategory: ForecastCategory.optional(),
  segment: z.enum(SEGMENTS).optional(),
  source: ShortText.optional(),
  sort: DealSort.default('closeDate'),
  direction: z.enum(['asc', 'desc']).default('asc'),
};

export const ListDealsInput = z
  .object({
    projectKey: ProjectKey,
    ...DealListFilters,
    limit: PageLimit,
    cursor: Cursor.optional(),
  })
  .strict()
  .refine((v) => !v.closeFrom || !v.closeTo || v.closeFrom <= v.closeTo, { path: ['closeTo'], message: 'The range ends before it starts', params: { reason: 'range-order' } });

export const DealPage = page(DealRecord);

/**
 * The board in one call: the pipeline's open columns with their maintained totals (count, amount and
 * weighted amount per currency, exact whatever is loaded) and up to `maxDeals` open deals in card
 * order, read 100 per entity query. `nextCursor` continues when a project has more open deals.
 */
export const BoardInput = z.object({ projectKey: ProjectKey, maxDeals: z.number().int().min(100).max(2000).default(1000), cursor: Cursor.optional() }).strict();
const Amounts = z.record(z.string(), z.number());
export const BoardResult = z.object({
  columns: z.array(z.object({ stageId: z.string(), count: z.number().int(), amounts: Amounts, weighted: Amounts, deals: z.array(DealRecord) })),
  nextCursor: z.string().nullable(),
});

/** What a refused stage move reports in `details`. */
export const ExitCriteriaDetails = z.object({ missing: z.array(CriteriaField), stageId: z.string() });

export const SearchDealsInput = z.object({ projectKey: ProjectKey, text: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(20).default(10) }).strict();
export const DealMatches = z.object({ items: z.array(DealRecord) });
