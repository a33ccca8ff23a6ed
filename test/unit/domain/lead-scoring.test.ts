import { DEFAULT_SCORING, isMql, scoreLead, type ScoringRules } from '../../../src/domain/lead-scoring';

const facts = (over: Partial<Parameters<typeof scoreLead>[1]> = {}) => ({ segment: null, title: null, region: null, touches: [], ...over });

describe('lead scoring', () => {
  it('adds fit (segment, title, region) and the intent of the strongest touch, with a reason for each', () => {
    const result = scoreLead(DEFAULT_SCORING, facts({ segment: 'mid-market', title: 'Director of IT', region: 'emea', touches: [{ source: 'organic', formType: 'content-download' }] }));
    expect(result).toEqual({
      score: 20 + 15 + 10 + 5 + 10,
      fit: 45,
      intent: 15,
      reasons: [
        { group: 'fit', factor: 'segment', value: 'mid-market', matched: 'mid-market', points: 20 },
        { group: 'fit', factor: 'title', value: 'Director of IT', matched: 'director', points: 15 },
        { group: 'fit', factor: 'region', value: 'emea', matched: 'EMEA', points: 10 },
        { group: 'intent', factor: 'source', value: 'organic', matched: 'organic', points: 5 },
        { group: 'intent', factor: 'formType', value: 'content-download', matched: 'content-download', points: 10 },
      ],
    });
  });

  it('counts the first title rule that matches a whole word, so "Vice President" is not also "President"', () => {
    const rules: ScoringRules = { ...DEFAULT_SCORING, titles: [{ match: 'vice president', points: 20 }, { match: 'president', points: 30 }, { match: 'cto', points: 25 }] };
    expect(scoreLead(rules, facts({ title: 'Vice President, Sales' })).fit).toBe(20);
    expect(scoreLead(rules, facts({ title: 'Director' })).reasons).toEqual([]);
    expect(scoreLead(rules, facts({ title: 'CTO / co-founder' })).fit).toBe(25);
  });

  it('keeps the strongest touch: a later newsletter does not cool a demo request', () => {
    const demo = { source: 'webinar', formType: 'demo-request' };
    const news = { source: 'organic', formType: 'newsletter' };
    expect(scoreLead(DEFAULT_SCORING, facts({ touches: [demo, news] })).intent).toBe(50);
  });

  it('keeps the score within 0–100 and says MQL at the threshold', () => {
    expect(scoreLead(DEFAULT_SCORING, facts({ title: 'Student' })).score).toBe(0);
    const hot = scoreLead(DEFAULT_SCORING, facts({ segment: 'enterprise', title: 'Chief Revenue Officer', region: 'EMEA', touches: [{ source: 'referral', formType: 'demo-request' }] }));
    expect(hot.score).toBe(100);
    expect(isMql(59, DEFAULT_SCORING)).toBe(false);
    expect(isMql(60, DEFAULT_SCORING)).toBe(true);
  });
});
