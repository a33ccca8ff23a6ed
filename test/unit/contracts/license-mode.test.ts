import { isReadOnly, licenseMode } from '../../../src/contracts/license';

describe('licenseMode: the license Forge sends, as what Relay does', () => {
  it('treats no license (development and staging installs) as fully working', () => {
    expect(licenseMode(undefined)).toBe('development');
    expect(licenseMode(null)).toBe('development');
    expect(isReadOnly(licenseMode(undefined))).toBe(false);
  });

  it('reads the back end’s isActive and the front end’s active alike', () => {
    expect(licenseMode({ isActive: true, isEvaluation: false })).toBe('active');
    expect(licenseMode({ active: true, isEvaluation: false })).toBe('active');
    expect(licenseMode({ isActive: true, isEvaluation: true, trialEndDate: '2026-12-01' })).toBe('evaluation');
    expect(licenseMode({ active: false, isEvaluation: true, trialEndDate: '2026-11-01' })).toBe('inactive');
    expect(licenseMode({ isActive: false, isEvaluation: false })).toBe('inactive');
  });

  it('never grants more than the platform said: a license it cannot read is not active', () => {
    expect(licenseMode({})).toBe('inactive');
    expect(licenseMode({ isActive: 'yes' })).toBe('inactive');
    expect(licenseMode('active')).toBe('inactive');
    expect(isReadOnly('inactive')).toBe(true);
  });
});
