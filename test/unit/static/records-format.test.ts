import { auditValueText, changeSentences, dateText, fieldLabel, moneyText } from '../../../static/src/project-page/records/format';

describe('record formatting', () => {
  it('shows whole amounts without cents and keeps exact minor units otherwise', () => {
    expect(moneyText(1_200_000, 'EUR')).toBe('€12,000');
    expect(moneyText(1_200_050, 'EUR')).toBe('€12,000.50');
    expect(moneyText(1_500, 'JPY')).toBe('¥1,500');
    expect(moneyText(1_234_567, 'KWD')).toMatch(/^KWD\s1,234\.567$/);
    expect(moneyText(null, 'EUR')).toBe('—');
  });

  it('writes calendar dates without shifting them by a time zone', () => {
    expect(dateText('2026-12-31')).toBe('Dec 31, 2026');
    expect(dateText(null)).toBe('—');
  });

  it('names fields with their labels, and unknown fields by their own name', () => {
    expect(fieldLabel('amountMinor')).toBe('Amount');
    expect(fieldLabel('somethingNew')).toBe('somethingNew');
  });

  it('describes an amount change in the deal’s currency, as the audit trail reads it', () => {
    const sentences = changeSentences('Sam Seller', [{ field: 'amountMinor', from: 1_200_000, to: 1_500_000 }], { currency: 'EUR' });
    expect(sentences).toEqual(['Sam Seller changed Amount from €12,000 to €15,000']);
  });

  it('uses the currencies of the same write when amount and currency changed together, in one sentence', () => {
    const sentences = changeSentences(
      'Sam Seller',
      [
        { field: 'amountMinor', from: 1_000, to: 2_000 },
        { field: 'currency', from: 'USD', to: 'JPY' },
      ],
      { currency: 'JPY' },
    );
    expect(sentences).toEqual(['Sam Seller changed Amount from $10 to ¥2,000']);
  });

  it('names stages, companies and owners behind ids, and says when a field was set or cleared', () => {
    const names = { stageName: (id: string) => ({ s1: 'Qualify', s2: 'Propose' })[id], companyName: (id: string) => (id === 'c1' ? 'Acme' : undefined), userName: () => 'Vic Viewer' };
    expect(changeSentences('Sam', [{ field: 'stageId', from: 's1', to: 's2' }], names)).toEqual(['Sam changed Stage from Qualify to Propose']);
    expect(changeSentences('Sam', [{ field: 'companyId', from: null, to: 'c1' }], names)).toEqual(['Sam set Company to Acme']);
    expect(changeSentences('Sam', [{ field: 'nextStep', from: 'Call', to: null }], names)).toEqual(['Sam cleared Next step (was Call)']);
    expect(changeSentences('Sam', [{ field: 'ownerId', from: 'a', to: 'b' }], names)).toEqual(['Sam changed Owner from Vic Viewer to Vic Viewer']);
  });

  it('formats dates, booleans, contact lists and segments in audit values', () => {
    expect(auditValueText('closeDate', '2027-01-09', {})).toBe('Jan 9, 2027');
    expect(auditValueText('recurring', true, {})).toBe('yes');
    expect(auditValueText('contactIds', ['a', 'b'], {})).toBe('2 contacts');
    expect(auditValueText('segment', 'mid-market', {})).toBe('Mid-market');
    expect(auditValueText('stageId', 'gone', { stageName: () => undefined })).toBe('gone');
    expect(auditValueText('type', 'new_business', {})).toBe('New business');
    expect(auditValueText('forecastOverride', 'best_case', {})).toBe('Best case');
    expect(auditValueText('type', 'something_new', {})).toBe('something_new');
  });
});

describe('timeline sentences written for people (issue 12 item 8)', () => {
  it('says who created a record instead of listing every default the create wrote', () => {
    const created = changeSentences('Sam Seller', [{ field: 'name', from: null, to: 'Acme: Pilot' }, { field: 'recurring', from: null, to: false }, { field: 'pushCount', from: null, to: 0 }, { field: 'contactIds', from: null, to: ['c1'] }], {}, 'deal');
    expect(created).toEqual(['Sam Seller created the deal']);
  });

  it('counts contacts and slipped quarters in the right plural form', () => {
    expect(auditValueText('contactIds', ['a'], {})).toBe('1 contact');
    expect(changeSentences('Sam', [{ field: 'contactIds', from: ['a', 'b'], to: ['a'] }], {})).toEqual(['Sam changed Contacts from 2 contacts to 1 contact']);
    expect(changeSentences('Sam', [{ field: 'closeDate', from: '2026-12-20', to: '2027-01-15' }, { field: 'pushCount', from: 0, to: 1 }], {})).toEqual(['Sam changed Close date from Dec 20, 2026 to Jan 15, 2027, pushing it into a later quarter for the first time']);
    expect(changeSentences('Sam', [{ field: 'closeDate', from: '2027-01-15', to: '2027-04-02' }, { field: 'pushCount', from: 1, to: 2 }], {})).toEqual(['Sam changed Close date from Jan 15, 2027 to Apr 2, 2027, pushing it into a later quarter (2 times so far)']);
  });

  it('tells the hand-off as what happened, never as a field changing between state names', () => {
    expect(changeSentences('Relay', [{ field: 'handoffState', from: 'pending', to: 'created' }], { bySystem: true })).toEqual(['Relay created the delivery work in Jira; it is waiting for acceptance']);
    expect(changeSentences('Dana Delivery', [{ field: 'handoffState', from: 'created', to: 'accepted' }], {})).toEqual(['Dana Delivery accepted the hand-off']);
    expect(changeSentences('Relay', [{ field: 'handoffState', from: 'created', to: 'accepted' }], { bySystem: true })).toEqual(['The delivery issue moved to In Progress, so Relay recorded the hand-off as accepted']);
    for (const sentence of changeSentences('Relay', [{ field: 'handoffState', from: 'created', to: 'delivered' }], { bySystem: true })) expect(sentence).not.toMatch(/handoffState|delivered to|created to/);
  });
});
