import type { JiraIssueEvent, JiraServiceApi, ServiceResponse } from '../../sandbox/platform/types';

/**
 * A Jira that knows nothing: every REST call answers 404 and no issue events ever fire. For tests
 * of platform parts (storage, runtime) that must build a ForgePlatform but never talk to Jira.
 */
export class NoJira implements JiraServiceApi {
  readonly requests: string[] = [];

  async handle(request: { method: string; path: string }): Promise<ServiceResponse> {
    this.requests.push(`${request.method} ${request.path}`);
    return { status: 404, body: { errorMessages: ['The test sandbox has no Jira site.'], errors: {} } };
  }

  onIssueEvent(_listener: (event: JiraIssueEvent) => void): () => void {
    return () => undefined;
  }

  exportState(): unknown {
    return {};
  }

  importState(_state: unknown): void {}

  reset(): void {}
}
