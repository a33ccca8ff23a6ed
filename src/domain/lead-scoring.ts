import type { Segment } from './company';
import { clampLeadScore } from './contact';

/**
 * The shared lead scoring rules (one set per site, edited by a Jira admin): *fit* says how much the
 * person looks like a buyer (their company's segment, their job title, their region), *intent* how
 * much they want to talk (the source and the form of their strongest touch). A score is the sum,
 * brought into 0–100, and keeps its reasons so a seller sees why a lead is hot. Pure.
 */
export const SCORE_POINTS_MIN = -100;
export const SCORE_POINTS_MAX = 100;

export interface PointsRule {
  /** Compared case-insensitively: the region, source or form type as sent; for titles, a word or phrase the title contains. */
  match: string;
  points: number;
}

export interface ScoringRules {
  segments: Record<Segment, number>;
  /** Tried top to bottom; the first keyword the title contains counts (so "VP" is not also "President"). */
  titles: PointsRule[];
  regions: PointsRule[];
  sources: PointsRule[];
  formTypes: PointsRule[];
  /** A lead whose score reaches this becomes an MQL. */
  mqlThreshold: number;
}

export const DEFAULT_SCORING: ScoringRules = {
  segments: { smb: 10, 'mid-market': 20, enterprise: 30 },
  titles: [
    { match: 'chief', points: 25 },
    { match: 'vp', points: 20 },
    { match: 'vice president', points: 20 },
    { match: 'head', points: 20 },
    { match: 'director', points: 15 },
    { match: 'manager', points: 10 },
    { match: 'student', points: -20 },
  ],
  regions: [
    { match: 'EMEA', points: 10 },
    { match: 'North America', points: 10 },
    { match: 'APAC', points: 5 },
  ],
  sources: [
    { match: 'referral', points: 15 },
    { match: 'webinar', points: 10 },
    { match: 'paid-search', points: 10 },
    { match: 'event', points: 10 },
    { match: 'organic', points: 5 },
  ],
  formTypes: [
    { match: 'demo-request', points: 40 },
    { match: 'contact-sales', points: 35 },
    { match: 'trial', points: 30 },
    { match: 'content-download', points: 10 },
    { match: 'newsletter', points: 0 },
  ],
  mqlThreshold: 60,
};

export type ScoreFactor = 'segment' | 'title' | 'region' | 'source' | 'formType';

/** One line of "why": the factor, the value the lead had, the rule it matched and the points. */
export interface ScoreReason {
  group: 'fit' | 'intent';
  factor: ScoreFactor;
  value: string;
  /** The rule's keyword (titles), else the value itself. */
  matched: string;
  points: number;
}

export interface LeadFacts {
  segment: Segment | null;
  title: string | null;
  region: string | null;
  /** Every touch of the lead; intent counts the strongest. */
  touches: Array<{ source: string; formType: string | null }>;
}

export interface LeadScoreResult {
  score: number;
  fit: number;
  intent: number;
  reasons: ScoreReason[];
}

const fold = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

function exact(rules: PointsRule[], value: string | null): PointsRule | undefined {
  if (!value) return undefined;
  const wanted = fold(value);
  return rules.find((rule) => fold(rule.match) === wanted);
}

/** Whole words: "cto" is in "CTO, Europe" but not in "Director". */
function containsWords(title: string, keyword: string): boolean {
  const words = ` ${fold(title).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const wanted = fold(keyword).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return wanted.length > 0 && words.includes(` ${wanted} `);
}

/** The score of a lead under the rules, with one reason per rule that counted (zero-point matches included). */
export function scoreLead(rules: ScoringRules, facts: LeadFacts): LeadScoreResult {
  const reasons: ScoreReason[] = [];
  if (facts.segment) reasons.push({ group: 'fit', factor: 'segment', value: facts.segment, matched: facts.segment, points: rules.segments[facts.segment] });
  const title = facts.title ? rules.titles.find((rule) => containsWords(facts.title!, rule.match)) : undefined;
  if (title && facts.title) reasons.push({ group: 'fit', factor: 'title', value: facts.title, matched: title.match, points: title.points });
  const region = exact(rules.regions, facts.region);
  if (region && facts.region) reasons.push({ group: 'fit', factor: 'region', value: facts.region, matched: region.match, points: region.points });

  // The strongest touch: a later newsletter sign-up does not cool a demo request.
  let best: ScoreReason[] = [];
  let bestPoints = Number.NEGATIVE_INFINITY;
  for (const touch of facts.touches) {
    const touchReasons: ScoreReason[] = [];
    const source = exact(rules.sources, touch.source);
    if (source) touchReasons.push({ group: 'intent', factor: 'source', value: touch.source, matched: source.match, points: source.points });
    const form = exact(rules.formTypes, touch.formType);
    if (form && touch.formType) touchReasons.push({ group: 'intent', factor: 'formType', value: touch.formType, matched: form.match, points: form.points });
    const points = touchReasons.reduce((sum, r) => sum + r.points, 0);
    if (points > bestPoints) {
      bestPoints = points;
      best = touchReasons;
    }
  }
  reasons.push(...best);
  const fit = reasons.filter((r) => r.group === 'fit').reduce((sum, r) => sum + r.points, 0);
  const intent = best.reduce((sum, r) => sum + r.points, 0);
  return { score: clampLeadScore(fit + intent), fit, intent, reasons };
}

/** Whether a score makes a lead marketing-qualified. */
export function isMql(score: number, rules: Pick<ScoringRules, 'mqlThreshold'>): boolean {
  return score >= rules.mqlThreshold;
}
