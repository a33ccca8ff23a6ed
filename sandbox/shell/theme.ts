import { createRequire } from 'node:module';

/**
 * Jira's design-token themes for the shell and its Custom UI frames. When an app calls
 * `view.theme.enable()`, Jira marks the frame's <html> with `data-color-mode` and `data-theme` and
 * loads the token CSS; the CSS comes from `@atlaskit/tokens`' generated theme artefacts (the same
 * strings its `getThemeStyles()` returns), read here once and served at THEME_CSS_PATH.
 */
export const COLOR_MODES = ['light', 'dark'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

export const THEME_CSS_PATH = '/shell-theme/tokens.css';

/** The `data-theme` value `getThemeHtmlAttrs()` gives for Atlassian's default themes (motion left out: the shell loads no motion theme). */
export const DATA_THEME = 'dark:dark light:light shape:shape spacing:spacing typography:typography';

/** Theme id → the generated artefact that holds its CSS (see @atlaskit/tokens' theme-import-map). */
const THEME_FILES = {
  light: 'atlassian-light',
  dark: 'atlassian-dark',
  shape: 'atlassian-shape',
  spacing: 'atlassian-spacing',
  typography: 'atlassian-typography',
} as const;

export function isColorMode(value: unknown): value is ColorMode {
  return typeof value === 'string' && (COLOR_MODES as readonly string[]).includes(value);
}

let cached: string | undefined;

/**
 * Every theme's CSS in one stylesheet. The rules are scoped by the html attributes
 * (`html[data-color-mode="dark"][data-theme~="dark:dark"]`), so one file serves both modes and a
 * switch only changes an attribute, as in Jira.
 */
export function themeCss(): string {
  if (cached !== undefined) return cached;
  const load = createRequire(__filename);
  const parts = Object.entries(THEME_FILES).map(([id, file]) => {
    const loaded = load(`@atlaskit/tokens/dist/cjs/artifacts/themes/${file}.js`) as { default?: unknown };
    if (typeof loaded.default !== 'string') throw new Error(`@atlaskit/tokens has no CSS for the ${id} theme (${file})`);
    return `/* ${id}: @atlaskit/tokens ${file} */\n${loaded.default}`;
  });
  cached = parts.join('\n');
  return cached;
}
