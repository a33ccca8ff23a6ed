import type { FrameLocator } from 'playwright-core';
import { WAIT } from './shell-session';

/**
 * Driving the design system's controls as a person does: open an Atlaskit Select by its input
 * (the id its label points at), read or click an option by its text; type a date into a DatePicker
 * in the user's locale and confirm it with Enter.
 */
/** Opens a Select from the keyboard: its input may be a hidden stand-in when the select takes no typing. */
async function open(frame: FrameLocator, inputId: string): Promise<void> {
  const input = frame.locator(`#${inputId}`);
  await input.focus();
  await input.press('ArrowDown');
}

export async function optionsOf(frame: FrameLocator, inputId: string): Promise<string[]> {
  await open(frame, inputId);
  const options = frame.locator('[role="option"][id*="-option-"]');
  await options.first().waitFor(WAIT);
  const texts = await options.allInnerTexts();
  await frame.locator(`#${inputId}`).press('Escape');
  return texts;
}

export async function chooseOption(frame: FrameLocator, inputId: string, label: string): Promise<void> {
  await open(frame, inputId);
  await frame.locator('[role="option"][id*="-option-"]', { hasText: label }).first().click();
}

/** `iso` is YYYY-MM-DD; en-US DatePickers take it typed as M/D/YYYY. */
export async function typeDate(frame: FrameLocator, inputId: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-').map(Number);
  const input = frame.locator(`#${inputId}`);
  await input.click();
  await input.fill(`${m}/${d}/${y}`);
  await input.press('Enter');
}

/** The same, for a DatePicker found by its `testId` (its input has no id of its own in forms). */
export async function typeDateIn(frame: FrameLocator, testId: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-').map(Number);
  const input = frame.locator(`[data-testid="${testId}--container"] input:not([type="hidden"])`).first();
  await input.click();
  await input.fill(`${m}/${d}/${y}`);
  await input.press('Enter');
}
