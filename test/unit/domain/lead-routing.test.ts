import { canRoute, routeLead, type RoutingRules } from '../../../src/domain/lead-routing';

const ROBIN: RoutingRules = { mode: 'round-robin', owners: ['a', 'b', 'c'], rules: [], fallbackOwnerId: 'f' };
const RULES: RoutingRules = {
  mode: 'rules',
  owners: [],
  rules: [
    { region: 'EMEA', segment: 'enterprise', ownerId: 'emea-ent' },
    { region: 'emea', segment: null, ownerId: 'emea' },
    { region: null, segment: 'smb', ownerId: 'smb' },
  ],
  fallbackOwnerId: 'f',
};

describe('lead routing', () => {
  it('deals turns out in order, wrapping around the list', () => {
    expect([0, 1, 2, 3, 4].map((turn) => routeLead(ROBIN, { region: null, segment: null }, turn)?.ownerId)).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(routeLead(ROBIN, { region: null, segment: null }, 7)).toEqual({ ownerId: 'b', method: 'round-robin', turn: 7 });
  });

  it('sends a lead to the first rule that matches its region and segment, else to the fallback', () => {
    const route = (region: string | null, segment: 'smb' | 'enterprise' | null) => routeLead(RULES, { region, segment }, 0);
    expect(route('EMEA', 'enterprise')).toEqual({ ownerId: 'emea-ent', method: 'rule', turn: null });
    expect(route('Emea', 'smb')?.ownerId).toBe('emea');
    expect(route('APAC', 'smb')?.ownerId).toBe('smb');
    expect(route('APAC', 'enterprise')).toEqual({ ownerId: 'f', method: 'fallback', turn: null });
  });

  it('uses the fallback when the round robin is empty, and routes nothing without any owner', () => {
    expect(routeLead({ ...ROBIN, owners: [] }, { region: null, segment: null }, 3)?.method).toBe('fallback');
    const nobody: RoutingRules = { mode: 'round-robin', owners: [], rules: [], fallbackOwnerId: null };
    expect(routeLead(nobody, { region: null, segment: null }, 0)).toBeUndefined();
    expect(canRoute(nobody)).toBe(false);
    expect(canRoute({ ...nobody, owners: ['a'] })).toBe(true);
  });
});
