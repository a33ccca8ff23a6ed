import type { Deal } from '../../src/domain/deal';
import type { Pipeline } from '../../src/domain/pipeline';
import { defaultPipeline } from '../../src/domain/pipeline';

/** A pipeline with readable stage ids: qualification, discovery, proposal, negotiation, won, lost. */
export function aPipeline(): Pipeline {
  const ids = ['qualification', 'discovery', 'proposal', 'negotiation', 'won', 'lost'];
  let i = 0;
  return defaultPipeline(() => ids[i++] ?? `stage-${i}`);
}

export const T0 = Date.parse('2026-11-02T09:00:00.000Z');

/** An open deal in Qualification with nothing filled in beyond what every deal has. */
export function aDeal(overrides: Partial<Deal> = {}): Deal {
  return {
    id: 'deal-1',
    projectId: '10000',
    name: 'Acme platform rollout',
    companyId: null,
    contactIds: [],
    amountMinor: null,
    currency: 'EUR',
    recurring: false,
    type: 'new_business',
    stageId: 'qualification',
    position: 'a0',
    forecastOverride: null,
    outcome: 'open',
    lostReason: null,
    closeDate: null,
    ownerId: 'owner-1',
    source: null,
    attribution: null,
    segment: null,
    nextStep: null,
    nextStepDue: null,
    contractStart: null,
    contractEnd: null,
    scope: null,
    notSold: null,
    stakeholders: null,
    successCriteria: null,
    stageEnteredAt: T0,
    stageHistory: [overrides.stageId ?? 'qualification'],
    pushCount: 0,
    closedAt: null,
    archived: false,
    handoff: null,
    renewal: null,
    renews: null,
    createdAt: T0,
    updatedAt: T0,
    version: 1,
    ...overrides,
  };
}

/** A deal with every criteria field filled in: it can move anywhere, including won. */
export function aReadyDeal(overrides: Partial<Deal> = {}): Deal {
  return aDeal({
    companyId: 'company-1',
    contactIds: ['contact-1'],
    amountMinor: 1_200_000,
    closeDate: '2026-12-15',
    nextStep: 'Send order form',
    nextStepDue: '2026-11-20',
    source: 'inbound',
    segment: 'mid-market',
    contractStart: '2027-01-01',
    contractEnd: '2027-12-31',
    scope: 'SSO, 3 workspaces',
    notSold: 'On-prem connector',
    stakeholders: 'CFO, IT lead',
    successCriteria: '80% weekly active in 90 days',
    ...overrides,
  });
}
