import { adapters } from '../../../src/handlers/compose';
import { bindPorts, dealStore, type Ports } from '../../../src/ports/registry';
import * as registry from '../../../src/ports/registry';

describe('the port registry (src/ports/registry.ts) and the composition root', () => {
  it('says which port was used before anything was bound, instead of failing later on undefined', () => {
    jest.isolateModules(() => {
      // A fresh copy of the registry: nothing bound yet.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('../../../src/ports/registry') as typeof registry;
      expect(() => fresh.companyStore.readCompany('c-1')).toThrow(/the companyStore port was used before the composition root bound it/);
    });
  });

  it('forwards each member to the implementation bound at call time', async () => {
    const calls: string[] = [];
    const fake = { readDeal: async (id: string) => (calls.push(id), undefined) } as unknown as Ports['dealStore'];
    bindPorts({ ...adapters, dealStore: fake });
    await expect(dealStore.readDeal('d-7')).resolves.toBeUndefined();
    expect(calls).toEqual(['d-7']);
    bindPorts(adapters);
    expect(dealStore.readDeal).toBe(adapters.dealStore.readDeal);
  });

  it('has an export for every port the composition root binds, and binds every one', () => {
    const exported = Object.keys(registry).filter((k) => k !== 'bindPorts' && k !== 'portsBound').sort();
    expect(Object.keys(adapters).sort()).toEqual(exported);
    for (const [name, implementation] of Object.entries(adapters)) expect([name, typeof implementation]).toEqual([name, 'object']);
  });
});
