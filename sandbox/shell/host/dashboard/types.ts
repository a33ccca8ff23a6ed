/** The dashboard data the shell server answers (sandbox/shell/dashboards-api.ts). */
export interface GadgetType {
  moduleKey: string;
  title: string;
  description: string;
  thumbnailUrl: string | null;
  configurable: boolean;
}

export interface DashboardSummary {
  id: string;
  name: string;
  owner: { accountId: string; displayName?: string };
  isWritable: boolean;
}

export interface Gadget {
  id: string;
  moduleKey: string;
  title: string;
  color: string;
  position: { row: number; column: number };
  configured: boolean;
  configurable: boolean;
  installed: boolean;
}

export interface DashboardView {
  dashboard: DashboardSummary & { description: string };
  gadgets: Gadget[];
}

/** What the shell page tells the dashboard about its gadgets' frames (view.submit, view.close). */
export interface GadgetFrameEvent {
  type: 'submitted' | 'closed';
  gadgetId: string;
}
