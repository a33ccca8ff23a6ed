import messages from '../i18n/en-US.json';

/** Every UI string has a key in static/src/i18n/en-US.json; a missing key is a type error. */
export type MessageKey = keyof typeof messages;

const table: Record<string, string> = messages;

/** Looks a string up and fills `{name}` placeholders. Only en-US exists so far; other locales fall back to it. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = table[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** For keys built at run time (route names, error codes): checked against the table, not the type. */
export function hasMessage(key: string): key is MessageKey {
  return key in table;
}
