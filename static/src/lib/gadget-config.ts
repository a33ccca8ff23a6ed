import { z } from 'zod';
import type { MessageKey } from './i18n';

/** What each Relay gadget reports on, and the periods its edit view offers. */
export const GADGETS = {
  pipeline: {
    title: 'gadget.pipeline.title',
    feature: 'gadget.pipeline.feature',
    featureBody: 'gadget.pipeline.feature.body',
    periods: ['this-month', 'this-quarter', 'next-quarter', 'this-fiscal-year'],
  },
  renewals: {
    title: 'gadget.renewals.title',
    feature: 'gadget.renewals.feature',
    featureBody: 'gadget.renewals.feature.body',
    periods: ['next-30-days', 'next-90-days', 'this-quarter', 'next-quarter'],
  },
} as const satisfies Record<string, { title: MessageKey; feature: MessageKey; featureBody: MessageKey; periods: readonly string[] }>;

export type GadgetKind = keyof typeof GADGETS;
export type Period = (typeof GADGETS)[GadgetKind]['periods'][number];

export function periodKey(period: Period): MessageKey {
  return `period.${period}`;
}

/** Jira stores a gadget's configuration as given to `view.submit`; it is read back through this schema. */
export function configSchema(kind: GadgetKind) {
  const periods = GADGETS[kind].periods as readonly [Period, ...Period[]];
  return z.object({
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'A Jira project key, e.g. SALES'),
    period: z.enum(periods),
  });
}

export type GadgetConfig = z.infer<ReturnType<typeof configSchema>>;
