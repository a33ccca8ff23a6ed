import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';

/**
 * Light or dark, as Jira shows the user. With theming enabled, Jira marks the frame's <html> with
 * `data-color-mode` and loads the design tokens, so CSS written with `var(--ds-…)` / `token()` follows
 * by itself; code that draws its own colours (charts, canvases) reads the mode from here.
 */
export type ColorMode = 'light' | 'dark';

/** The mode on an element's document (`data-color-mode`), light when the product set none. */
export function colorModeOf(root: Element = document.documentElement): ColorMode {
  return root.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
}

let enabling: Promise<void> | undefined;

/**
 * Turns on Jira's theming once per frame. Theming is cosmetic: a product that cannot theme still
 * shows the app with the light token fallbacks, so a refusal is not an error.
 */
export function enableTheme(): Promise<void> {
  enabling ??= view.theme.enable().then(
    () => undefined,
    () => undefined,
  );
  return enabling;
}

/** The current colour mode, re-rendering when Jira switches it (the user changed their theme). */
export function useColorMode(): ColorMode {
  const [mode, setMode] = useState<ColorMode>(() => colorModeOf());
  useEffect(() => {
    const root = document.documentElement;
    const observer = new MutationObserver(() => setMode(colorModeOf(root)));
    observer.observe(root, { attributes: true, attributeFilter: ['data-color-mode'] });
    setMode(colorModeOf(root));
    return () => observer.disconnect();
  }, []);
  return mode;
}
