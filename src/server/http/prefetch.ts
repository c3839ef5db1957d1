// Reads started while the session is being confirmed (issue 14). Every request reads its session fresh from the
// database (DECISIONS: a revocation takes effect on the very next request, on every instance); that round trip was a
// tenth of the ledger list's time, spent before its own statements could start. A route may declare a read-only
// prefetch: when this instance has confirmed the same session before, the route's statements start at once, as the
// actor the last confirmation named, beside the session's statement. Their answer is used only if the fresh
// confirmation names the same actor (user, unit, scope, roles, unit tree) and the route's policy then passes; otherwise
// it is dropped unseen and the route reads as usual. Nothing is sent, written or audited by a prefetch.
import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor.ts';

// the actor each session last confirmed as, on this instance, by session id (the token's hash): only a hint of what
// to read early, never trusted for access (bounded, the oldest confirmation dropped first)
const confirmed = new Map<string, Actor>();
const MAX_SESSIONS = 10_000;

export function rememberSession(actor: Actor): void {
  confirmed.delete(actor.sessionId);
  confirmed.set(actor.sessionId, actor);
  if (confirmed.size > MAX_SESSIONS) confirmed.delete(confirmed.keys().next().value as string);
}

export function forgetSession(sessionId: string): void {
  confirmed.delete(sessionId);
}

export function sessionHint(sessionId: string): Actor | undefined {
  return confirmed.get(sessionId);
}

// what a read may depend on: the same values give the same statements
const sameActor = (a: Actor, b: Actor): boolean =>
  a.sessionId === b.sessionId &&
  a.userId === b.userId &&
  a.unitCode === b.unitCode &&
  a.unitPath === b.unitPath &&
  a.departmentId === b.departmentId &&
  a.unitTreeToken === b.unitTreeToken &&
  a.roles.length === b.roles.length &&
  a.roles.every((role, i) => role === b.roles[i]);

export interface Prefetch {
  start(request: FastifyRequest, hint: Actor): void;
}

export interface DefinedPrefetch<T> extends Prefetch {
  /** The early answer, if it was read as `actor` (the confirmed one); otherwise undefined and the route reads itself. */
  take(request: FastifyRequest, actor: Actor): Promise<T | undefined>;
}

/** A route's early read: `read` must only read, and must answer for `actor` exactly what the route would. */
export function definePrefetch<T>(read: (request: FastifyRequest, actor: Actor) => Promise<T>): DefinedPrefetch<T> {
  const started = new WeakMap<FastifyRequest, { hint: Actor; answer: Promise<T | undefined> }>();
  return {
    start(request, hint) {
      // a failure (a bad query, a unit outside the scope) is the route's own to report: it reads again and fails there
      const answer = Promise.resolve()
        .then(() => read(request, hint))
        .catch(() => undefined);
      started.set(request, { hint, answer });
    },
    async take(request, actor) {
      const early = started.get(request);
      if (!early) return undefined;
      started.delete(request);
      return sameActor(early.hint, actor) ? early.answer : undefined;
    },
  };
}
