import type { Segment } from './company';

/**
 * Who a new lead goes to. Round robin deals leads out in turn over a list of owners (the turn is a
 * counter stored with a version, so concurrent leads each take a different turn); rules send a lead
 * by region and/or segment to a named owner, the first matching rule winning. Whatever matches
 * nothing, or a round robin with nobody on it, goes to the fallback owner. Pure.
 */
export const ROUTING_MODES = ['round-robin', 'rules'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

export interface RoutingRule {
  /** null: any region. Compared case-insensitively. */
  region: string | null;
  /** null: any segment. */
  segment: Segment | null;
  ownerId: string;
}

export interface RoutingRules {
  mode: RoutingMode;
  owners: string[];
  rules: RoutingRule[];
  fallbackOwnerId: string | null;
}

export const DEFAULT_ROUTING: RoutingRules = { mode: 'round-robin', owners: [], rules: [], fallbackOwnerId: null };

export type RouteMethod = 'round-robin' | 'rule' | 'fallback';

export interface Route {
  ownerId: string;
  method: RouteMethod;
  /** The round-robin turn this lead used (the next lead takes turn + 1); null when no turn was used. */
  turn: number | null;
}

const fold = (text: string | null) => (text ?? '').trim().toLowerCase();

/**
 * The owner of a new lead. `turn` is the round robin's next turn as stored. Undefined when there
 * is nobody to give it to (no owners, no matching rule and no fallback): the caller refuses the lead
 * rather than store it without an owner.
 */
export function routeLead(routing: RoutingRules, facts: { region: string | null; segment: Segment | null }, turn: number): Route | undefined {
  if (routing.mode === 'round-robin' && routing.owners.length > 0) {
    return { ownerId: routing.owners[turn % routing.owners.length]!, method: 'round-robin', turn };
  }
  if (routing.mode === 'rules') {
    const rule = routing.rules.find((r) => (r.region === null || fold(r.region) === fold(facts.region)) && (r.segment === null || r.segment === facts.segment));
    if (rule) return { ownerId: rule.ownerId, method: 'rule', turn: null };
  }
  return routing.fallbackOwnerId ? { ownerId: routing.fallbackOwnerId, method: 'fallback', turn: null } : undefined;
}

/** Whether leads can be routed at all with these settings. */
export function canRoute(routing: RoutingRules): boolean {
  return routing.fallbackOwnerId !== null || (routing.mode === 'round-robin' && routing.owners.length > 0);
}
