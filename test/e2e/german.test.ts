import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { ROOT, useShellSession, WAIT } from '../support/shell-session';

/**
 * Issue 18 item 4 in the browser: a user whose Jira profile language is German (Jira keeps it as
 * de_DE on the user; Forge hands the surface `locale: 'de-DE'`) sees the board and the project's
 * CRM settings in German, with German number and date formats, and no English UI string.
 */
const ALICE = DEMO_USERS.alice.accountId;

const session = useShellSession({
  contexts: 'manual',
  viewport: { width: 1600, height: 1000 },
  async prepare(sandbox) {
    sandbox.jira.setUserLocale(ALICE, 'de_DE');
  },
});

type Table = Record<string, string>;
const tables = (locale: string): Table => {
  const dir = path.join(ROOT, 'static/src/i18n', locale);
  return Object.assign({}, ...readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Table)) as Table;
};
const en = tables('en-US');
const de = tables('de-DE');
const germanText = Object.values(de).join('\n');

/**
 * English UI sentences that must not appear on a German page: every en-US message with at least
 * two words outside its placeholders, split at the placeholders, that German does not contain too.
 */
const englishFragments = [
  ...new Set(
    Object.values(en)
      .flatMap((message) => message.split(/\{\w+\}/))
      .map((part) => part.trim())
      .filter((part) => /\p{L}+\s+\p{L}+/u.test(part) && part.length >= 10 && !germanText.includes(part)),
  ),
];

async function visibleText(frame: FrameLocator): Promise<string> {
  return frame.locator('body').innerText();
}

describe('a German Jira user', () => {
  it('sees the pipeline board in German with German numbers and dates', async () => {
    await session.openAs(ALICE, '#/projects/SALES/apps/relay-crm/pipeline');
    const frame = session.frame('project-page');
    await frame.locator('[data-testid^="deal-card-"]').first().waitFor(WAIT);
    await frame.getByRole('region', { name: de['board.label'] }).waitFor(WAIT);
    expect(await frame.locator('html').getAttribute('lang')).toBe('de-DE');
    const text = await visibleText(frame);
    expect(text).toContain(de['board.column.total']);
    expect(text).toContain(de['board.filters.anyOwner']);
    // de-DE groups thousands with a dot ("48.000 €") and writes medium dates as "31.12.2026".
    expect(text).toMatch(/\d{1,3}(\.\d{3})+(,\d+)?\s?(€|\$|£|[A-Z]{3})/);
    expect(text).toMatch(/\b\d{2}\.\d{2}\.\d{4}\b/);
    expect(text).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/);
    expect(englishFragments.filter((fragment) => text.includes(fragment))).toEqual([]);
  });

  it('sees the project CRM settings in German', async () => {
    await session.openAs(ALICE, '#/projects/SALES/settings/relay-crm-settings');
    const frame = session.frame('settings');
    await frame.locator('#stage-0-name').waitFor(WAIT);
    const text = await visibleText(frame);
    expect(text).toContain(de['settings.stages.title']);
    expect(text).toContain(de['settings.targets.title']);
    expect(englishFragments.filter((fragment) => text.includes(fragment))).toEqual([]);
  });
});
