import { createHmac } from 'node:crypto';
import { Calls } from '../../../src/contracts/calls';
import { platformClock } from '../../../src/ports/registry';
import type { ShellServer } from '../../../sandbox/shell/server';
import { startShellServer } from '../../../sandbox/shell/server';
import { startCrm, USERS, type Crm } from '../crm/crm-harness';

/**
 * The CRM test site with the inbound-lead web trigger reachable over real HTTP (the sandbox's shell
 * server, as `npm start` serves it), a signing secret set through the admin page's call and leads
 * routed round robin to Sam and Alice. `send` signs like a form provider would.
 */
export interface LeadSite {
  crm: Crm;
  shell: ShellServer;
  url: string;
  secret: string;
  send(body: unknown, options?: SendOptions): Promise<Answer>;
  /** Everything in storage, to compare before and after a refused request. */
  storage(): string;
  close(): Promise<void>;
}

export interface SendOptions {
  /** Unix seconds; default: now. */
  timestamp?: string | number;
  secret?: string;
  /** Replace the signature header (null: leave it out). */
  signature?: string | null;
  headers?: Record<string, string>;
  method?: string;
  /** Send this exact text instead of JSON.stringify(body). */
  raw?: string;
}

export interface Answer {
  status: number;
  code: string | undefined;
  signature: string;
  timestamp: string;
  raw: string;
}

export function sign(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export const ROUND_ROBIN = [USERS.sam, USERS.alice];

export async function startLeadSite(): Promise<LeadSite> {
  const crm = await startCrm();
  crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
  // Contacts (and so leads) are seen through the site's CRM-enabled projects (PRODUCT.md §5).
  await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
  const shell = await startShellServer({ sandbox: crm.sandbox, port: 0 });
  const rotated = await crm.ok('alice', Calls.leads.rotateSecret, { version: 0 });
  await crm.ok('alice', Calls.leads.saveSettings, { version: 0, routing: { mode: 'round-robin', owners: ROUND_ROBIN, rules: [], fallbackOwnerId: USERS.sam } });
  const url = rotated.state.url;
  const site: LeadSite = {
    crm,
    shell,
    url,
    secret: rotated.secret,
    async send(body, options = {}) {
      const raw = options.raw ?? JSON.stringify(body);
      // The sender's clock is the world's: the time the app sees (the sandbox's, when a test pinned it).
      const timestamp = String(options.timestamp ?? Math.floor(platformClock.now() / 1000));
      const signature = `v1=${sign(options.secret ?? site.secret, timestamp, raw)}`;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-relay-timestamp': timestamp, ...options.headers };
      const chosen = options.signature === undefined ? signature : options.signature;
      if (chosen !== null) headers['x-relay-signature'] = chosen;
      const method = options.method ?? 'POST';
      const response = await fetch(url, { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body: raw }) });
      const text = await response.text();
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { code?: string }).code;
      } catch {
        code = undefined;
      }
      return { status: response.status, code, signature: chosen ?? '', timestamp, raw: text };
    },
    storage: () => JSON.stringify(crm.sandbox.kvs.exportState()),
    async close() {
      await shell.close();
      await crm.close();
    },
  };
  return site;
}
