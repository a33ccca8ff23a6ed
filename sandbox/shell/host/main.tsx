import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { DashboardPage } from './dashboard/DashboardPage';
import type { GadgetFrameEvent, GadgetType } from './dashboard/types';
import type { SurfaceTarget } from './uikit/Surface';
import { Surface } from './uikit/Surface';
import type { WireFlag } from './uikit/wire';

/**
 * The shell's host code in the page (loaded as a module by shell.html): the parts of Jira's page
 * that are drawn with the Atlassian design system — UI Kit surfaces and the dashboards. shell.js
 * (routing, sidebar, issue view, Custom UI frames) mounts them into its views and unmounts them when
 * the view changes.
 */
export interface UiKitMount {
  /** Delivers a product event (e.g. JIRA_ISSUE_CHANGED) to the surface's `events.on` subscribers. */
  productEvent(event: string, payload: unknown): Promise<void>;
  unmount(): void;
}

export interface DashboardMount {
  /** A gadget frame on this dashboard submitted its edit view or closed it. */
  gadgetEvent(event: GadgetFrameEvent): void;
  unmount(): void;
}

export interface ShellHost {
  mountUiKit(element: Element, options: { target: SurfaceTarget; users: Record<string, string>; onFlag(flag: WireFlag): void }): UiKitMount;
  mountDashboard(
    element: Element,
    options: { accountId: string; dashboardId: string | null; gadgetTypes: GadgetType[]; colorMode: string; onOpenDashboard(id: string): void },
  ): DashboardMount;
}

function mountUiKit(element: Element, options: Parameters<ShellHost['mountUiKit']>[1]): UiKitMount {
  const root: Root = createRoot(element);
  let liveId: string | null = null;
  const onLive = (id: string | null) => {
    liveId = id;
  };
  root.render(<Surface target={options.target} users={options.users} onFlag={options.onFlag} onLive={onLive} />);
  return {
    async productEvent(event, payload) {
      if (!liveId) return;
      await fetch(`/api/uikit/surfaces/${encodeURIComponent(liveId)}/product-event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event, payload }) });
    },
    unmount: () => root.unmount(),
  };
}

function mountDashboard(element: Element, options: Parameters<ShellHost['mountDashboard']>[1]): DashboardMount {
  const root = createRoot(element);
  const listeners = new Set<(event: GadgetFrameEvent) => void>();
  const subscribeFrames = (listener: (event: GadgetFrameEvent) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  root.render(<DashboardPage {...options} subscribeFrames={subscribeFrames} />);
  return {
    gadgetEvent(event) {
      for (const listener of [...listeners]) listener(event);
    },
    unmount: () => root.unmount(),
  };
}

const host: ShellHost = { mountUiKit, mountDashboard };
(window as unknown as { RelayShellHost: ShellHost }).RelayShellHost = host;
window.dispatchEvent(new Event('relay-shell-host-ready'));
