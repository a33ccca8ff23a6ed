import { view } from '@forge/bridge';
import { createContext, useContext } from 'react';
import { z } from 'zod';

const Ref = z.object({ id: z.string(), key: z.string() });

/**
 * The parts of `view.getContext()` Relay reads, checked at the boundary. Unknown fields pass
 * through: the product adds fields over time and that must not break the app.
 */
export const ForgeContext = z.looseObject({
  accountId: z.string().optional(),
  cloudId: z.string().optional(),
  siteUrl: z.string(),
  moduleKey: z.string(),
  localId: z.string().optional(),
  locale: z.string().default('en-US'),
  timezone: z.string().default('UTC'),
  /** The site's Marketplace license (none on development installs): read by licenseMode. */
  license: z.unknown().optional(),
  extension: z.looseObject({
    type: z.string(),
    project: Ref.extend({ type: z.string().optional() }).optional(),
    issue: Ref.extend({ type: z.string().optional() }).optional(),
    gadget: z.object({ id: z.string() }).optional(),
    dashboard: z.object({ id: z.string() }).optional(),
    gadgetConfiguration: z.record(z.string(), z.unknown()).optional(),
    entryPoint: z.string().optional(),
    location: z.string().optional(),
  }),
});
export type ForgeContext = z.infer<typeof ForgeContext>;

export async function loadForgeContext(): Promise<ForgeContext> {
  return ForgeContext.parse(await view.getContext());
}

const ContextHolder = createContext<ForgeContext | null>(null);
export const ForgeContextProvider = ContextHolder.Provider;

/** The surface's context, loaded once before the first render (see mount.tsx). */
export function useForgeContext(): ForgeContext {
  const value = useContext(ContextHolder);
  if (!value) throw new Error('useForgeContext() is used outside mount()');
  return value;
}
