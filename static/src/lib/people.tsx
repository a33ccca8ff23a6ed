import { useEffect, useMemo, useState } from 'react';
import type { Person } from '../../../src/contracts/people';
import { api } from './api';
import { t } from './i18n';

/**
 * People as Jira shows them, for every Custom UI surface: a page-wide store of display names and
 * avatars, filled by `people/resolve`. Ids asked for while a screen renders are gathered and sent
 * together, so a screen costs one call (and the server one Jira request) however many cards,
 * rows, timeline entries and footers name people. Quiet requests (the footer's own user) wait a
 * moment to join the screen's call instead of making one of their own.
 */

/** Relay's own timeline entries (jobs, triggers, scans) are written by this actor, not a Jira account. */
export const SYSTEM_ACTOR = 'relay';
/** One call carries at most this many ids (one Jira user/bulk request). */
const BATCH = 90;
const URGENT_MS = 16;
const QUIET_MS = 800;

const known = new Map<string, Person>();
const queued = new Set<string>();
const asked = new Set<string>();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let timerDue = Infinity;
let generation = 0;
/** Screens still loading the records that name people: quiet requests wait for their call. */
let holds = 0;
/** Whether the queue holds an id a screen asked for now (not only quiet ones). */
let urgent = false;

function notify(): void {
  generation += 1;
  for (const listener of Array.from(listeners)) listener();
}

function flush(): void {
  timer = undefined;
  timerDue = Infinity;
  // A screen about to name people will ask at once when its records arrive; the quiet ids go with it.
  if (holds > 0 && !urgent) return;
  urgent = false;
  const ids = [...queued];
  queued.clear();
  for (let at = 0; at < ids.length; at += BATCH) {
    const batch = ids.slice(at, at + BATCH);
    api.people.resolve({ accountIds: batch }).then(
      (answer) => {
        for (const person of answer.people) known.set(person.accountId, person);
        notify();
      },
      () => {
        // Names are a courtesy: without them the screen says "Someone", and may ask again later.
        for (const id of batch) asked.delete(id);
        notify();
      },
    );
  }
}

function schedule(delayMs: number): void {
  const due = Date.now() + delayMs;
  if (timer !== undefined && timerDue <= due) return;
  if (timer !== undefined) clearTimeout(timer);
  timerDue = due;
  timer = setTimeout(flush, delayMs);
}

/** Asks for the people not known or asked yet; `quiet` requests wait to join the next screen's call. */
export function requestPeople(ids: Iterable<string | null | undefined>, quiet = false): void {
  let added = false;
  let waiting = false;
  for (const id of ids) {
    if (!id || id === SYSTEM_ACTOR || known.has(id)) continue;
    // Asked quietly and still queued: this urgent request brings it forward.
    if (queued.has(id)) waiting = true;
    if (asked.has(id)) continue;
    asked.add(id);
    queued.add(id);
    added = true;
  }
  if (!quiet && (added || waiting)) {
    urgent = true;
    schedule(URGENT_MS);
  } else if (added) schedule(QUIET_MS);
}

/** While a screen loads the records that name people, quiet requests wait to join its one call. */
function hold(): () => void {
  holds += 1;
  return () => {
    holds -= 1;
    if (holds === 0 && queued.size > 0) schedule(QUIET_MS);
  };
}

/**
 * While `active`, the page is still loading what names people (the project, a screen's chunk, its
 * records): quiet requests wait to join the one call the screen makes when they arrive. A page
 * skeleton holds, so the footer's name cannot go out alone while a slow load is on its way.
 */
export function usePeopleHold(active = true): void {
  useEffect(() => (active ? hold() : undefined), [active]);
}

/** Names and avatars by account id, as far as the page knows them. */
export interface PeopleLookup {
  /** The person, or undefined while their name is still on its way. */
  person(accountId: string): Person | undefined;
  /** What to call them: the display name, "Relay" for Relay's own entries, "Former user" for deleted accounts, "Someone" while loading. */
  nameOf(accountId: string): string;
  /** Every person the page knows, sorted by name (for pickers). */
  all(): Person[];
}

function lookup(): PeopleLookup {
  return {
    person: (id) => known.get(id),
    nameOf: (id) => {
      if (id === SYSTEM_ACTOR) return t('app.name');
      const person = known.get(id);
      if (!person) return t('people.loading');
      return person.displayName ?? t('people.former');
    },
    all: () => [...known.values()].filter((p) => p.displayName !== null).sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '')),
  };
}

/**
 * The people behind `ids`, loading the ones the page has not seen. The lookup changes identity
 * when new names arrive (and only then), so memoised views can take it as a prop. `pending`: the
 * screen is still loading the records that name people, so the page's quiet requests (the footer's
 * user) wait to join the one call it makes when they arrive, instead of making a call of their own.
 */
export function usePeople(ids: ReadonlyArray<string | null | undefined>, options: { quiet?: boolean; pending?: boolean } = {}): PeopleLookup {
  const [version, setVersion] = useState(generation);
  usePeopleHold(!!options.pending);
  const key = [...new Set(ids.filter((id): id is string => !!id))].sort().join(',');
  useEffect(() => {
    const listener = () => setVersion(generation);
    listeners.add(listener);
    requestPeople(key ? key.split(',') : [], options.quiet);
    // Names may have arrived between the render and this effect.
    if (generation !== version) setVersion(generation);
    return () => {
      listeners.delete(listener);
    };
  }, [key, options.quiet]);
  return useMemo(lookup, [version]);
}

/** Up to two initials of a display name, for the avatar drawn when Jira's image cannot load. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? `${words[0]?.[0] ?? ''}${words[words.length - 1]?.[0] ?? ''}` : (words[0]?.slice(0, 2) ?? '');
  return letters.toUpperCase();
}

/**
 * A person's avatar as Jira draws one: their Jira picture, or their initials on a colour when the
 * picture is missing or cannot load (a Forge iframe may not load images from other hosts). The
 * name is its accessible label and tooltip; a person still loading shows an empty circle.
 */
export function Avatar({ person, name, size = 24, label }: { person: Person | undefined; name: string; size?: 16 | 24 | 32; label?: string | null }) {
  const [failed, setFailed] = useState(false);
  // A null label: the name is written beside the avatar, so the picture is decoration.
  const text = label === null ? undefined : (label ?? name);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.42) };
  if (person?.avatarUrl && !failed) {
    return <img className="relay-avatar relay-avatar--image" src={person.avatarUrl} alt={text ?? ''} title={text ?? name} style={style} onError={() => setFailed(true)} data-testid="avatar" />;
  }
  return (
    <span className="relay-avatar" role={text ? 'img' : undefined} aria-label={text} aria-hidden={text ? undefined : true} title={text ?? name} style={style} data-testid="avatar">
      {person ? initialsOf(name) : ''}
    </span>
  );
}

/** A person as a table cell or a fact shows them: avatar and display name. */
export function PersonLabel({ accountId, people, testId }: { accountId: string; people: PeopleLookup; testId?: string }) {
  const name = people.nameOf(accountId);
  return (
    <span className="relay-person">
      <Avatar person={people.person(accountId)} name={name} size={24} label={null} />
      <span data-testid={testId}>{name}</span>
    </span>
  );
}

/** Owner choices for a filter: the user first, as "Me (their name)", then everyone else the page knows, by name. */
export function ownerOptions(people: PeopleLookup, me: string | undefined): Array<{ value: string; label: string }> {
  const others = people
    .all()
    .filter((p) => p.accountId !== me)
    .map((p) => ({ value: p.accountId, label: p.displayName ?? t('people.former') }));
  return me ? [{ value: me, label: t('people.me', { name: people.nameOf(me) }) }, ...others] : others;
}
