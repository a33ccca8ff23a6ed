/**
 * The definitions glossary (PRODUCT.md §4): every number Relay shows has its definition one hover
 * away, with the same words everywhere. Admins may reword a definition for their company; the
 * formula stays the one Relay computes.
 */
export const GLOSSARY = {
  winRate: 'Win rate = won / (won + lost), deals closed in the period (by count; by value as a variant).',
  averageDealSize: 'Average deal size = sum of won amounts / number of won deals.',
  salesCycle: 'Sales cycle length = average days from deal creation to won, for deals won in the period.',
  weightedPipeline: 'Weighted pipeline = sum of open amount × stage probability.',
  forecastCategories: 'Forecast categories: Pipeline, Best case, Commit, Closed, Omitted (stage default, overridable per deal).',
  coverage: 'Pipeline coverage = open qualified pipeline closing in the period / target for the period.',
  velocity: 'Pipeline velocity = open opportunities × average deal size × win rate / sales cycle length (per day).',
  forecastAccuracy: 'Forecast accuracy = (1 − |actual − forecast| / actual) × 100, forecast taken from the snapshot at the start of the period.',
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
