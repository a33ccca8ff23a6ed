import { CreateActivityInput } from '../../../src/contracts/activity';
import { CreateDealInput, UpdateDealInput } from '../../../src/contracts/deal';
import { fieldErrorOf } from '../../../src/handlers/define-call';
import { issueText } from '../../../static/src/lib/field-messages';

/** Issue 12 item 8: field problems reach people in Relay's words, from the shared contracts' issues. */
function firstIssue(result: { success: boolean; error?: { issues: Array<Parameters<typeof fieldErrorOf>[0]> } }) {
  const issue = result.error?.issues[0];
  if (result.success || !issue) throw new Error('Expected the contract to refuse the input');
  return issue;
}

describe('field messages', () => {
  it('words zod’s limits instead of showing its English', () => {
    const long = firstIssue(UpdateDealInput.safeParse({ dealId: 'd1', version: 1, changes: { name: 'x'.repeat(300) } }));
    expect(long.message).toMatch(/Too big/);
    expect(issueText(long)).toBe('Keep it to 255 characters or fewer.');
    expect(issueText(firstIssue(CreateDealInput.safeParse({ projectKey: 'SALES', name: '', currency: 'EUR' })))).toBe('Give it a name.');
    expect(issueText(firstIssue(CreateDealInput.safeParse({ projectKey: 'SALES', name: 'A', currency: 'EUR', amountMinor: -5 })))).toBe('Use 0 or more.');
    expect(issueText(firstIssue(CreateDealInput.safeParse({ projectKey: 'SALES', name: 'A', currency: 'EUR', closeDate: '31/12/2026' })))).toBe('A date as YYYY-MM-DD.');
    expect(issueText(firstIssue(CreateActivityInput.safeParse({ recordType: 'deal', recordId: 'd1', kind: 'task', subject: 'Call' })))).toBe('A task needs a due date');
  });

  it('words the same issues from a server answer, by their code and limits', () => {
    const server = fieldErrorOf(firstIssue(UpdateDealInput.safeParse({ dealId: 'd1', version: 1, changes: { nextStep: 'y'.repeat(256) } })));
    expect(server).toMatchObject({ path: 'changes.nextStep', code: 'too_big', params: { maximum: 255, origin: 'string' } });
    expect(issueText(JSON.parse(JSON.stringify(server)))).toBe('Keep it to 255 characters or fewer.');
    const contract = fieldErrorOf(firstIssue(UpdateDealInput.safeParse({ dealId: 'd1', version: 1, changes: { contractStart: '2027-06-01', contractEnd: '2027-01-01' } })));
    expect(issueText(contract)).toBe('The contract ends before it starts.');
    expect(issueText({ code: 'taken', message: 'Taken by Acme', params: { name: 'Acme Corporation' } })).toBe('Taken by Acme Corporation');
    expect(issueText({ code: 'something_new', message: 'Whatever zod says' })).toBe('This value is not valid.');
  });
});
