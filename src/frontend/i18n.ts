/**
 * The strings of Relay's UI Kit surfaces (issue panel, issue glance), in en-US and de-DE. Every
 * string a surface shows comes from here, so a test can look a message up by key instead of copying
 * prose. `{name}` placeholders are filled by `t()`. Both tables are bundled: together they are a few
 * kilobytes, and UI Kit renders in the product, where a lazily loaded chunk would cost a round trip.
 */
const enUS = {
  'surface.loading': 'Loading the linked deal…',
  'deal.heading': 'Deal: {name}',
  'deal.project': 'CRM project {projectKey}',
  'deal.role.handoff': 'Delivery work for this deal',
  'deal.role.linked': 'Linked to this deal',
  'deal.role.expansion': 'Expansion flagged from this issue',
  'deal.company': 'Company: {name}',
  'deal.noCompany': 'No company on this deal',
  'deal.owner': 'Owner: {name}',
  'person.relay': 'Relay',
  'person.former': 'Former user',
  'deal.amount.recurring': 'ARR: {amount}',
  'deal.amount.once': 'Amount: {amount}',
  'deal.amount.none': 'No amount yet',
  'deal.companyArr': 'Company ARR: {amount}',
  'deal.contract': 'Contract: {start} to {end}',
  'deal.contacts': 'Contacts',
  'deal.noContacts': 'No contacts on this deal',
  'deal.scope': 'Scope',
  'deal.notSold': 'Not sold',
  'deal.successCriteria': 'Success criteria',
  'deal.notGiven': 'Not given',
  'hidden.message': 'This issue is linked to a deal in a project you cannot see.',
  'none.message': 'No deal linked to this issue.',
  'handoff.heading': 'Hand-off',
  'handoff.state.pending': 'Pending',
  'handoff.state.retrying': 'Retrying',
  'handoff.state.created': 'Awaiting acceptance',
  'handoff.state.accepted': 'Accepted',
  'handoff.state.delivered': 'Delivered',
  'handoff.state.error': 'Failed',
  'handoff.state.unlinked': 'Unlinked',
  'handoff.breached': 'SLA breached',
  'handoff.acceptWithin': 'Accept within {duration}',
  'handoff.overdue': 'Overdue by {duration}',
  'handoff.by': '{clock} · by {when}',
  'handoff.wasDue': '{clock} · was due {when}',
  'handoff.acceptedAt': 'Accepted {when}',
  'handoff.acceptedBy': 'Accepted by {name}, {when}',
  'handoff.deliveredAt': 'Delivered {when}',
  'handoff.lastError': 'Last error: {message}',
  'duration.minutes': '{count} min',
  'duration.hours': '{count} h',
  'duration.days': '{count} d',
  'action.accept': 'Accept hand-off',
  'action.unlink': 'Unlink',
  'action.flagExpansion': 'Flag expansion',
  'action.expansionName': 'Expansion name (optional)',
  'action.linkDeal': 'Link deal',
  'action.failed': 'That did not work',
  'expansion.created': 'Expansion deal created',
  'expansion.details': '“{name}” is open in {projectKey}, owned by the account owner.',
  'link.project': 'CRM project',
  'link.projectPlaceholder': 'Choose a project',
  'link.noProjects': 'You cannot browse any project to link a deal from.',
  'link.text': 'Deal name',
  'link.search': 'Search deals',
  'link.noMatches': 'No open deal in {projectKey} matches “{text}”.',
  'link.pick': 'Link to {name}',
  'link.matches.one': '{count} open deal matches',
  'link.matches.other': '{count} open deals match',
  'link.cancel': 'Cancel',
  'link.projectsFailed': 'Jira did not list your projects ({status}).',
  'glance.none': 'No deal linked',
  'glance.hidden': 'Deal in a project you cannot see',
  'glance.health.good': 'Health good',
  'glance.health.average': 'Health average',
  'glance.health.poor': 'Health poor',
  'glance.health.unknown': 'Health unknown',
  'glance.renews': 'Renews {date}',
  'glance.healthWhy': '{health}: {reasons}',
  'health.reason.overdue-issues.one': '1 overdue delivery issue',
  'health.reason.overdue-issues.other': '{count} overdue delivery issues',
  'health.reason.blocked-issues.one': '1 blocked issue',
  'health.reason.blocked-issues.other': '{count} blocked issues',
  'health.reason.open-bugs.one': '1 open bug',
  'health.reason.open-bugs.other': '{count} open bugs',
  'health.reason.handoff-breaches.one': '1 hand-off past its SLA',
  'health.reason.handoff-breaches.other': '{count} hand-offs past their SLA',
  'health.reason.inactive.one': 'last activity 1 day ago',
  'health.reason.inactive.other': 'last activity {count} days ago',
  'health.reason.no-activity.one': 'no activity logged in 1 day',
  'health.reason.no-activity.other': 'no activity logged in {count} days',
  'health.reason.renewal-soon.one': 'renewal in 1 day',
  'health.reason.renewal-soon.other': 'renewal in {count} days',
  'health.reason.renewal-overdue.one': 'renewal overdue by 1 day',
  'health.reason.renewal-overdue.other': 'renewal overdue by {count} days',
  'error.title': 'Relay could not answer',
  'error.code': 'Error code: {code}',
  'error.PLATFORM': 'Jira could not reach Relay. Check your connection and try again.',
  'error.CONTRACT': 'Relay answered in a shape this view does not understand. Reload the issue; if it persists, the app may be mid-upgrade.',
  'error.VALIDATION': 'Some values are not valid.',
  'error.NOT_FOUND': 'That item does not exist or you cannot see it.',
  'error.FORBIDDEN': 'You do not have permission to do that.',
  'error.CONFLICT': 'Someone else changed this in the meantime. Reload and try again.',
  'error.RATE_LIMITED': 'Relay is busy right now. Wait a moment and try again.',
  'error.INTERNAL': "Something went wrong on Relay's side. Try again.",
} as const;

export type MessageKey = keyof typeof enUS;
export type Messages = Record<MessageKey, string>;

/** de-DE, worded as Jira's own German UI (Vorgang, Projekt; "Deal" stays "Deal"), formal "Sie". */
const deDE: Messages = {
  'surface.loading': 'Verknüpfter Deal wird geladen…',
  'deal.heading': 'Deal: {name}',
  'deal.project': 'CRM-Projekt {projectKey}',
  'deal.role.handoff': 'Lieferarbeit für diesen Deal',
  'deal.role.linked': 'Mit diesem Deal verknüpft',
  'deal.role.expansion': 'Erweiterung aus diesem Vorgang gemeldet',
  'deal.company': 'Unternehmen: {name}',
  'deal.noCompany': 'Kein Unternehmen bei diesem Deal',
  'deal.owner': 'Verantwortlich: {name}',
  'person.relay': 'Relay',
  'person.former': 'Ehemaliger Benutzer',
  'deal.amount.recurring': 'ARR: {amount}',
  'deal.amount.once': 'Betrag: {amount}',
  'deal.amount.none': 'Noch kein Betrag',
  'deal.companyArr': 'ARR des Unternehmens: {amount}',
  'deal.contract': 'Vertrag: {start} bis {end}',
  'deal.contacts': 'Kontakte',
  'deal.noContacts': 'Keine Kontakte bei diesem Deal',
  'deal.scope': 'Umfang',
  'deal.notSold': 'Nicht verkauft',
  'deal.successCriteria': 'Erfolgskriterien',
  'deal.notGiven': 'Nicht angegeben',
  'hidden.message': 'Dieser Vorgang ist mit einem Deal in einem Projekt verknüpft, das Sie nicht sehen können.',
  'none.message': 'Mit diesem Vorgang ist kein Deal verknüpft.',
  'handoff.heading': 'Übergabe',
  'handoff.state.pending': 'Ausstehend',
  'handoff.state.retrying': 'Neuer Versuch',
  'handoff.state.created': 'Wartet auf Annahme',
  'handoff.state.accepted': 'Angenommen',
  'handoff.state.delivered': 'Geliefert',
  'handoff.state.error': 'Fehlgeschlagen',
  'handoff.state.unlinked': 'Verknüpfung aufgehoben',
  'handoff.breached': 'SLA verletzt',
  'handoff.acceptWithin': 'Annehmen innerhalb von {duration}',
  'handoff.overdue': 'Überfällig seit {duration}',
  'handoff.by': '{clock} · bis {when}',
  'handoff.wasDue': '{clock} · war fällig {when}',
  'handoff.acceptedAt': 'Angenommen {when}',
  'handoff.acceptedBy': 'Angenommen von {name}, {when}',
  'handoff.deliveredAt': 'Geliefert {when}',
  'handoff.lastError': 'Letzter Fehler: {message}',
  'duration.minutes': '{count} Min.',
  'duration.hours': '{count} Std.',
  'duration.days': '{count} T',
  'action.accept': 'Übergabe annehmen',
  'action.unlink': 'Verknüpfung aufheben',
  'action.flagExpansion': 'Erweiterung melden',
  'action.expansionName': 'Name der Erweiterung (optional)',
  'action.linkDeal': 'Deal verknüpfen',
  'action.failed': 'Das hat nicht funktioniert',
  'expansion.created': 'Erweiterungs-Deal angelegt',
  'expansion.details': '„{name}“ ist in {projectKey} offen, verantwortlich ist der Account-Verantwortliche.',
  'link.project': 'CRM-Projekt',
  'link.projectPlaceholder': 'Projekt auswählen',
  'link.noProjects': 'Sie können kein Projekt durchsuchen, aus dem ein Deal verknüpft werden könnte.',
  'link.text': 'Deal-Name',
  'link.search': 'Deals suchen',
  'link.noMatches': 'Kein offener Deal in {projectKey} passt zu „{text}“.',
  'link.pick': 'Mit {name} verknüpfen',
  'link.matches.one': '{count} offener Deal passt',
  'link.matches.other': '{count} offene Deals passen',
  'link.cancel': 'Abbrechen',
  'link.projectsFailed': 'Jira hat Ihre Projekte nicht aufgelistet ({status}).',
  'glance.none': 'Kein Deal verknüpft',
  'glance.hidden': 'Deal in einem Projekt, das Sie nicht sehen können',
  'glance.health.good': 'Zustand gut',
  'glance.health.average': 'Zustand mittel',
  'glance.health.poor': 'Zustand schlecht',
  'glance.health.unknown': 'Zustand unbekannt',
  'glance.renews': 'Verlängerung am {date}',
  'glance.healthWhy': '{health}: {reasons}',
  'health.reason.overdue-issues.one': '1 überfälliger Lieferungsvorgang',
  'health.reason.overdue-issues.other': '{count} überfällige Lieferungsvorgänge',
  'health.reason.blocked-issues.one': '1 blockierter Vorgang',
  'health.reason.blocked-issues.other': '{count} blockierte Vorgänge',
  'health.reason.open-bugs.one': '1 offener Bug',
  'health.reason.open-bugs.other': '{count} offene Bugs',
  'health.reason.handoff-breaches.one': '1 Übergabe über ihrem SLA',
  'health.reason.handoff-breaches.other': '{count} Übergaben über ihrem SLA',
  'health.reason.inactive.one': 'letzte Aktivität vor 1 Tag',
  'health.reason.inactive.other': 'letzte Aktivität vor {count} Tagen',
  'health.reason.no-activity.one': 'seit 1 Tag keine Aktivität erfasst',
  'health.reason.no-activity.other': 'seit {count} Tagen keine Aktivität erfasst',
  'health.reason.renewal-soon.one': 'Verlängerung in 1 Tag',
  'health.reason.renewal-soon.other': 'Verlängerung in {count} Tagen',
  'health.reason.renewal-overdue.one': 'Verlängerung seit 1 Tag überfällig',
  'health.reason.renewal-overdue.other': 'Verlängerung seit {count} Tagen überfällig',
  'error.title': 'Relay konnte nicht antworten',
  'error.code': 'Fehlercode: {code}',
  'error.PLATFORM': 'Jira konnte Relay nicht erreichen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'error.CONTRACT': 'Relay hat in einer Form geantwortet, die diese Ansicht nicht versteht. Laden Sie den Vorgang neu; falls das Problem bleibt, wird die App möglicherweise gerade aktualisiert.',
  'error.VALIDATION': 'Einige Werte sind ungültig.',
  'error.NOT_FOUND': 'Dieses Element existiert nicht oder Sie können es nicht sehen.',
  'error.FORBIDDEN': 'Sie sind dazu nicht berechtigt.',
  'error.CONFLICT': 'Jemand anderes hat dies inzwischen geändert. Laden Sie neu und versuchen Sie es erneut.',
  'error.RATE_LIMITED': 'Relay ist gerade ausgelastet. Warten Sie einen Moment und versuchen Sie es erneut.',
  'error.INTERNAL': 'Bei Relay ist etwas schiefgelaufen. Versuchen Sie es erneut.',
};

/** The message locales Relay ships; every other Jira language is shown in English. */
export type MessageLocale = 'en-US' | 'de-DE';
export const messages: Record<MessageLocale, Messages> = { 'en-US': enUS, 'de-DE': deDE };

/** Jira's profile language (Forge hands it as `de-DE`; `de_AT`, `de` or `de-CH` count too) → the table to show. */
export function messageLocaleOf(locale: string | undefined): MessageLocale {
  return /^de(?:[-_]|$)/i.test(locale ?? '') ? 'de-DE' : 'en-US';
}

let active: MessageLocale = 'en-US';
let plurals = new Intl.PluralRules(active);

/**
 * Chooses the table for the viewer's Jira language. The views call it with the product context's
 * locale as soon as the context arrives (before any deal is fetched, so before any text but the
 * spinner's label); it is idempotent, so calling it on every render is harmless.
 */
export function chooseMessages(locale: string | undefined): MessageLocale {
  const chosen = messageLocaleOf(locale);
  if (chosen !== active) {
    active = chosen;
    plurals = new Intl.PluralRules(chosen);
  }
  return chosen;
}

/** The table in use: the back end writes its sentences in English, so other languages show the code's own text instead. */
export function activeMessageLocale(): MessageLocale {
  return active;
}

export type MessageParams = Record<string, string | number>;

/**
 * The message for `key` in the chosen table with its `{name}` placeholders filled. A placeholder
 * without a value is left visible rather than dropped, so a missing parameter shows up in review and in tests.
 */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return messages[active][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The singular or plural form of a counted message, as the chosen locale's plural rules pick it (both en-US and de-DE have one/other). */
export function tCount(keys: { one: MessageKey; other: MessageKey }, count: number, params: MessageParams = {}): string {
  return t(plurals.select(count) === 'one' ? keys.one : keys.other, { ...params, count });
}
