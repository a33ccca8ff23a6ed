/**
 * Jest set-up for every project: each answer the sandbox's Jira gives during a test is checked
 * against Jira Cloud's documented shapes (jira-conformance.ts), and a mismatch fails the test that
 * caused it, after it ran, with every mismatching route named.
 */
import { jiraAnswerObservers } from '../../sandbox/jira/jira-service';
import { jiraMismatch } from './jira-conformance';

const mismatches: string[] = [];
const observer = (request: Parameters<typeof jiraMismatch>[0], answer: Parameters<typeof jiraMismatch>[1]) => {
  const problem = jiraMismatch(request, answer);
  if (problem && !mismatches.includes(problem)) mismatches.push(problem);
};

beforeEach(() => {
  mismatches.length = 0;
  jiraAnswerObservers.add(observer);
});

afterEach(() => {
  jiraAnswerObservers.delete(observer);
  if (mismatches.length > 0) {
    const found = mismatches.splice(0);
    throw new Error(`The sandbox's Jira answered outside Jira Cloud's documented shapes (jira.js schemas):\n  ${found.join('\n  ')}`);
  }
});
