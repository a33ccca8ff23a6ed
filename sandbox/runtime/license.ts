/**
 * The app's Marketplace license on this site, as Forge hands it to the app. Documented:
 * - a paid app declares `app.licensing.enabled: true`; Forge then puts the site's license in every
 *   invocation (the resolver's `context.license`, the second argument of trigger, scheduled, web
 *   trigger and consumer handlers, `__forge_runtime__.appContext.license`) and in the front end's
 *   `view.getContext()` / `useProductContext()` (developer.atlassian.com/platform/marketplace/listing-forge-apps,
 *   "Building a paid app"; the shapes are the SDK's: `License` in @forge/api's runtime.d.ts, with
 *   `isActive`, and `LicenseDetails` in @forge/bridge's types.d.ts, with `active`);
 * - free apps, and paid apps installed from the development or staging environment, get no license
 *   at all (`undefined`): "check the license … and implement reduced functionality if unlicensed"
 *   applies to production installs only.
 * Assumed: an evaluation that ended is `isActive: false` with `isEvaluation: true` and its
 * `trialEndDate` in the past; a cancelled subscription is `isActive: false` with its end date.
 */
export type LicenseState =
  /** A development or staging install, or an app without licensing: Forge sends no license. */
  | { kind: 'none' }
  | { kind: 'active'; billingPeriod?: 'MONTHLY' | 'ANNUAL'; subscriptionEndDate?: string | null }
  | { kind: 'evaluation'; trialEndDate: string }
  | { kind: 'evaluation-expired'; trialEndDate: string }
  | { kind: 'inactive'; subscriptionEndDate?: string | null };

/** The license fields Forge's back end carries (`License` in @forge/api's runtime types). */
export interface BackendLicense {
  isActive: boolean;
  billingPeriod: string;
  ccpEntitlementId: string;
  ccpEntitlementSlug: string;
  isEvaluation: boolean;
  subscriptionEndDate: string | null;
  supportEntitlementNumber: string | null;
  trialEndDate: string | null;
  type: string;
}

/** The same license as the front end sees it (`LicenseDetails` in @forge/bridge's types). */
export interface FrontendLicense extends Omit<BackendLicense, 'isActive'> {
  active: boolean;
  modes: null;
}

export class Licensing {
  private state: LicenseState = { kind: 'none' };

  /** @param enabled `app.licensing.enabled` in manifest.yml: without it no license is ever sent. */
  constructor(readonly enabled: boolean) {}

  /** Sets what the Marketplace says about this site's license (tests and `LICENSE=… npm start`). */
  set(state: LicenseState): void {
    if (!this.enabled && state.kind !== 'none') throw new Error('manifest.yml does not enable app.licensing: Forge sends no license to this app');
    this.state = state;
  }

  get current(): LicenseState {
    return this.state;
  }

  backend(): BackendLicense | undefined {
    const s = this.state;
    if (s.kind === 'none') return undefined;
    const evaluation = s.kind === 'evaluation' || s.kind === 'evaluation-expired';
    return {
      isActive: s.kind === 'active' || s.kind === 'evaluation',
      billingPeriod: s.kind === 'active' ? (s.billingPeriod ?? 'MONTHLY') : evaluation ? 'EVALUATION' : 'MONTHLY',
      ccpEntitlementId: 'sandbox-entitlement',
      ccpEntitlementSlug: 'E-SANDBOX-0001',
      isEvaluation: evaluation,
      subscriptionEndDate: s.kind === 'active' || s.kind === 'inactive' ? (s.subscriptionEndDate ?? null) : null,
      supportEntitlementNumber: evaluation ? null : 'SEN-SANDBOX',
      trialEndDate: evaluation ? s.trialEndDate : null,
      type: evaluation ? 'EVALUATION' : 'COMMERCIAL',
    };
  }

  frontend(): FrontendLicense | undefined {
    const backend = this.backend();
    if (!backend) return undefined;
    const { isActive, ...rest } = backend;
    return { ...rest, active: isActive, modes: null };
  }
}

/** Parses `LICENSE=active|evaluation|expired|inactive|none` (npm start). */
export function licenseFromFlag(value: string, today: string): LicenseState {
  switch (value) {
    case 'none':
      return { kind: 'none' };
    case 'active':
      return { kind: 'active' };
    case 'evaluation':
      return { kind: 'evaluation', trialEndDate: addDays(today, 30) };
    case 'expired':
      return { kind: 'evaluation-expired', trialEndDate: addDays(today, -1) };
    case 'inactive':
      return { kind: 'inactive', subscriptionEndDate: addDays(today, -1) };
    default:
      throw new Error(`--license must be none, active, evaluation, expired or inactive (got ${value})`);
  }
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
