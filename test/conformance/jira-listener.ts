import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import api, { assumeTrustedRoute } from '@forge/api';
import type { Sandbox } from '../../sandbox';

/**
 * A local HTTP listener (127.0.0.1, a free port) in front of the sandbox's Jira, so jira.js's own
 * HTTP client can drive it like a Jira Cloud site. The bearer token says who calls: `app` is
 * asApp(), anything else is the account id of an asUser() call. Each request goes through the real
 * @forge/api inside a Forge invocation, as Relay's own calls do, platform meters included.
 */
export async function startJiraListener(sandbox: Sandbox): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'authorization' && name !== 'host') headers[name] = value;
        const body = chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined;
        const { result } = await sandbox.platform.runInvocation(
          { functionKey: 'jira-js', moduleKey: 'conformance', kind: 'script', ...(token && token !== 'app' ? { accountId: token } : {}), timeoutMs: 25_000 },
          async () => {
            const client = token === 'app' ? api.asApp() : api.asUser();
            const response = await client.requestJira(assumeTrustedRoute(req.url ?? '/'), { method: req.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) });
            const answered: Record<string, string> = {};
            response.headers.forEach((value, name) => {
              answered[name] = value;
            });
            return { status: response.status, headers: answered, text: await response.text() };
          },
        );
        res.writeHead(result.status, result.headers);
        res.end(result.text);
      })().catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
