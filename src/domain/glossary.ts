/**
 * The definitions glossary (PRODUCT.md §4): every number Relay shows has its definition one hover
 * away, with the same words everywhere. Admins may reword a definition for their company; the
 * formula stays the one Relay computes.
 */
export const GLOSSARY = {
  openDeals: 'Open deals = deals neither won, lost nor archived: every stage, every close date (or none) and every forecast category, Omitted included. The board’s column counts add up to it.',
  openPipeline: 'Open pipeline = the sum of the open deals’ amounts (the same deals as Open deals), in the reporting currency. The board’s column totals add up to it.',
  weightedPipeline: 'Weighted pipeline = sum of open amount × stage probability, over the same open deals as the open pipeline (Omitted included). The board’s weighted column totals add up to it.',
  qualifiedPipeline: 'Qualified pipeline = open deals closing in the period whose forecast category is Pipeline, Best case or Commit; Omitted deals and deals without a close date are not qualified. Coverage and velocity count these deals.',
  won: 'Won = the amounts of the deals won in the period (the Closed forecast category).',
  winRate: 'Win rate = won / (won + lost), deals closed in the period (by count; by value as a variant).',
  averageDealSize: 'Average deal size = sum of won amounts / number of won deals.',
  salesCycle: 'Sales cycle length = average days from deal creation to won, for deals won in the period.',
  forecastCategories: 'Forecast categories: Pipeline, Best case, Commit, Closed, Omitted (stage default, overridable per deal). Closed = won in the period; the others are open deals closing in the period.',
  coverage: 'Pipeline coverage = open qualified pipeline closing in the period / target for the period. Targets are set per project: for one owner, segment, source or region, coverage needs that segment’s own target (a gadget’s target) and is otherwise not applicable.',
  velocity: 'Pipeline velocity = open opportunities × average deal size × win rate / sales cycle length (per day); open opportunities are the period’s qualified opportunities (see Qualified pipeline).',
  forecastAccuracy: 'Forecast accuracy = (1 − |actual − forecast| / actual) × 100, forecast taken from the snapshot at the start of the period: Commit + Closed (won in the period so far) on the period’s first day. Without a snapshot that day, the nearest one is used and its date is shown.',
  stageConversion: 'Stage conversion = deals that reached the next stage / deals that entered the stage.',
  leadConversion: 'Lead → SQL and SQL → opportunity conversion = next-stage count / previous-stage count.',
  nrr: 'NRR = (starting ARR + expansion − contraction − churn) / starting ARR × 100, customers existing at the period start only.',
  grr: 'GRR = (starting ARR − contraction − churn) / starting ARR × 100.',
  churn: 'Logo churn = customers lost / customers at period start; revenue churn = churned ARR / starting ARR.',
  slipped: 'Slipped deal = close date moved out of the period; each push is counted on the deal.',
  stale: 'Stale deal = days in stage above the stage maximum, or no next step, or next step overdue.',
  handoffSla: 'Hand-off SLA = hours from won to accepted.',
  leadResponseSla: 'Lead response SLA = hours from lead creation to the owner’s first activity.',
  dataCompleteness: 'Data completeness = share of open deals whose fields satisfy their stage’s exit criteria.',
  segments: 'Segments: every figure can be filtered by owner, segment, source or region. A deal counts in the segment it is in now (its owner, segment and source today; its company’s region).',
  currencies: 'Currencies: amounts are converted to the reporting currency with the site’s rates. An amount in a currency without a rate is never guessed: it is left out of every money total and named beside it; counts still include its deals.',
} as const;
export type GlossaryKey = keyof typeof GLOSSARY;
export const GLOSSARY_KEYS = Object.keys(GLOSSARY) as GlossaryKey[];

/** The glossary as shown: Relay's definitions, with the site's rewordings where an admin made them. */
export function glossaryWith(overrides: Partial<Record<GlossaryKey, string>>): Record<GlossaryKey, string> {
  const out = { ...GLOSSARY } as Record<GlossaryKey, string>;
  for (const key of GLOSSARY_KEYS) {
    const text = overrides[key]?.trim();
    if (text) out[key] = text;
  }
  return out;
}
