import type { ComponentType } from 'react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './components';
import { ForgeContextProvider, loadForgeContext } from './context';
import { loadMessages, t } from './i18n';
import { ReadOnlyBanner } from './read-only-banner';
import { enableTheme } from './theme';
import './styles.css';

/**
 * Starts one Custom UI surface: turns on Jira's theming (design tokens follow the user's light or
 * dark mode; see theme.ts), loads the context once, then renders. A context failure is shown, not swallowed,
 * because nothing else on the screen can work without it.
 */
export async function mount(App: ComponentType): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('The HTML entry has no #root element');
  const root = createRoot(container);
  try {
    // The first paint already has the user's theme: the token stylesheet loads while the context does.
    const [context] = await Promise.all([loadForgeContext(), enableTheme()]);
    // Every string of the first paint is in the user's Jira language (German arrives as its own chunk).
    // Screen readers pronounce the page in its language, so <html lang> follows the table chosen.
    document.documentElement.lang = await loadMessages(context.locale);
    root.render(
      <StrictMode>
        <ForgeContextProvider value={context}>
          <ErrorBoundary>
            <ReadOnlyBanner />
            <App />
          </ErrorBoundary>
        </ForgeContextProvider>
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <div className="relay-page">
        <div className="relay-banner relay-banner--error" role="alert">
          <strong>{t('error.title')}</strong>
          <p>{error instanceof Error ? error.message : String(error)}</p>
        </div>
      </div>,
    );
  }
}
