import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkHandlersAndResources } from '../../scripts/manifest-rules';
import * as appIndex from '../../src/index';
import { INBOUND_OUTCOMES } from '../../src/contracts/lead';

const root = path.resolve(__dirname, '../..');
interface ManifestShape {
  modules: Record<string, Array<Record<string, unknown>>> & { function: Array<{ key: string; handler: string }> };
  resources: Array<Record<string, unknown>>;
  app: { storage: { entities: Array<{ name: string; attributes: Record<string, { type: string }>; indexes?: Array<{ name: string; range: string[]; partition?: string[] }> }> } };
}
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as ManifestShape;
const asRecord = (m: ManifestShape) => m as unknown as Record<string, unknown>;
const exportsOf = (file: string) => {
  if (file !== 'index') throw new Error(`unexpected handler file ${file}`);
  return appIndex as unknown as Record<string, unknown>;
};

describe('manifest.yml and src/index.ts', () => {
  it('names only handlers that src/index.ts exports as functions, and resolvers that exist', () => {
    const findings = checkHandlersAndResources(asRecord(manifest), root, exportsOf).filter((f) => !f.message.startsWith('resource'));
    expect(findings).toEqual([]);
  });

  it('reports a handler that src/index.ts does not export', () => {
    const broken = structuredClone(manifest);
    broken.modules.function.push({ key: 'ghost', handler: 'index.ghostHandler' });
    const messages = checkHandlersAndResources(asRecord(broken), root, exportsOf).map((f) => f.message);
    expect(messages).toContain("function 'ghost': src/index does not export a function 'ghostHandler'");
  });

  it('reports a module whose resolver names an undeclared function', () => {
    const broken = structuredClone(manifest);
    (broken.modules['jira:adminPage']![0]!.resolver as { function: string }).function = 'missing-fn';
    const messages = checkHandlersAndResources(asRecord(broken), root, exportsOf).map((f) => f.message);
    expect(messages).toContain("jira:adminPage 'relay-admin' names function 'missing-fn', which is not declared");
  });

  it('reports a gadget without a thumbnail and an icon that is not an image', () => {
    const broken = structuredClone(manifest);
    const [gadget] = broken.modules['jira:dashboardGadget']! as Array<Record<string, unknown>>;
    delete gadget!.thumbnail;
    broken.resources.push({ key: 'source', path: 'src' });
    (broken.modules['jira:issuePanel']![0] as Record<string, unknown>).icon = 'resource:source;index.ts';
    const messages = checkHandlersAndResources(asRecord(broken), root, exportsOf).map((f) => f.message);
    expect(messages).toContain("jira:dashboardGadget 'relay-pipeline-gadget' has no thumbnail");
    expect(messages).toContain("jira:issuePanel 'relay-deal-panel' icon: index.ts is not an SVG with a viewBox or a PNG");
  });

  it('reports a resource path that does not exist', () => {
    const broken = structuredClone(manifest);
    broken.resources.push({ key: 'nowhere', path: 'static/no-such-dir' });
    const messages = checkHandlersAndResources(asRecord(broken), root, exportsOf).map((f) => f.message);
    expect(messages).toContain("resource 'nowhere': static/no-such-dir does not exist");
  });

  it('exports nothing from src/index.ts that the manifest does not name', () => {
    const named = new Set(manifest.modules.function.map((f) => f.handler.replace(/^index\./, '')));
    expect(Object.keys(appIndex).filter((k) => k !== '__esModule').sort()).toEqual([...named].sort());
  });

  it('keeps every custom entity within the platform limits', () => {
    const entities = manifest.app.storage.entities;
    expect(entities.length).toBeLessThanOrEqual(20);
    for (const entity of entities) {
      expect(Object.keys(entity.attributes).length).toBeLessThanOrEqual(50);
      const indexes = entity.indexes ?? [];
      expect(indexes.length).toBeLessThanOrEqual(7);
      for (const index of indexes) {
        expect(index.range).toHaveLength(1);
        for (const attr of [...index.range, ...(index.partition ?? [])]) expect(entity.attributes[attr]).toBeDefined();
      }
      // Money and timestamps overflow a 32-bit integer: they must be floats.
      for (const [name, def] of Object.entries(entity.attributes)) {
        if (/Minor$|At$/.test(name)) expect(`${entity.name}.${name}:${def.type}`).toBe(`${entity.name}.${name}:float`);
      }
    }
  });

  it('declares the inbound-lead web trigger static, with exactly the answers the app can pick (≤ 20, bodies ≤ 1,024 characters)', () => {
    const trigger = manifest.modules.webtrigger!.find((m) => m.key === 'relay-inbound-lead')!;
    const response = trigger.response as { type: string; outputs: Array<{ key: string; statusCode: number; contentType: string; body: string }> };
    expect(response.type).toBe('static');
    expect(response.outputs.length).toBeLessThanOrEqual(20);
    const declared = Object.fromEntries(response.outputs.map((o) => [o.key, { status: o.statusCode, contentType: o.contentType, body: JSON.parse(o.body) as unknown }]));
    const expected = Object.fromEntries(Object.entries(INBOUND_OUTCOMES).map(([key, o]) => [key, { status: o.status, contentType: 'application/json', body: { code: o.code, message: o.message } }]));
    expect(declared).toEqual(expected);
    for (const output of response.outputs) expect(output.body.length).toBeLessThanOrEqual(1024);
  });
});
