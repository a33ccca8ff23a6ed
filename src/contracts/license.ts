import { z } from 'zod';

/**
 * The site's Marketplace license as Forge hands it to Relay: `isActive` in the back end's
 * invocation context, `active` in the front end's `view.getContext()`; both carry `isEvaluation`
 * and the trial's end. Development and staging installs (and free apps) get none at all.
 */
const LicenseShape = z.looseObject({
  isActive: z.boolean().optional(),
  active: z.boolean().optional(),
  isEvaluation: z.boolean().optional(),
  trialEndDate: z.string().nullable().optional(),
});

/**
 * What Relay does under each license state:
 * - `development`: no license in the context (a development or staging install): everything works;
 * - `active` / `evaluation`: a paid or trial license: everything works;
 * - `inactive`: unlicensed, the trial over or the subscription ended: read-only — every record can
 *   be read and exported, nothing is written, no delivery issue is created, background jobs skip.
 */
export const LicenseMode = z.enum(['development', 'active', 'evaluation', 'inactive']);
export type LicenseMode = z.infer<typeof LicenseMode>;

export function licenseMode(license: unknown): LicenseMode {
  if (license === undefined || license === null) return 'development';
  const parsed = LicenseShape.safeParse(license);
  // A license we cannot read is treated as not active: never more than the platform said.
  if (!parsed.success) return 'inactive';
  const active = parsed.data.isActive ?? parsed.data.active ?? false;
  if (!active) return 'inactive';
  return parsed.data.isEvaluation ? 'evaluation' : 'active';
}

export const isReadOnly = (mode: LicenseMode): boolean => mode === 'inactive';
