/**
 * The shell server's own API from the page (sandbox/shell/server.ts): JSON in and out, and an
 * answer with `ok: false` (or a non-2xx status) rejects with the server's message, which is Jira's
 * own words when Jira refused.
 */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data: { ok?: boolean; message?: string; error?: { message?: string } } & Record<string, unknown>;
  try {
    data = (await response.json()) as typeof data;
  } catch {
    throw new Error(`The sandbox answered ${response.status}`);
  }
  if (!response.ok || data.ok === false) throw new Error(data.message ?? data.error?.message ?? `The sandbox answered ${response.status}`);
  return data as T;
}

export const get = <T>(path: string): Promise<T> => call<T>('GET', path);
export const post = <T>(path: string, body: unknown): Promise<T> => call<T>('POST', path, body);

export function query(params: Record<string, string | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  return search.toString();
}
