// Calls by contract name: `call('GET /api/v1/blockers/:id', { params: { id } })` builds the URL, sends the request
// and returns the type the server's schema promises (src/shared/api/index.ts). A misspelt route, a missing path
// parameter or a wrong response type is a compile error; no page writes a URL or a response interface by hand.
import type { ApiRoute, DownloadRoute, ResponseOf } from '../../shared/api/index.ts';
import { query, request } from './client.ts';

type Scalar = string | number;
/** The `:name` parameters of a route's path. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
type PathOf<R extends string> = R extends `${string} ${infer P}` ? P : never;
export type MethodOf<R extends string> = R extends `${infer M} ${string}` ? M : never;

export type QueryParams = Record<string, string | number | boolean | undefined | null>;
export type CallArgs<R extends ApiRoute | DownloadRoute> = ([ParamNames<PathOf<R>>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<PathOf<R>>, Scalar | undefined> }) & { query?: QueryParams; body?: unknown };

/** The URL of a route with its path parameters (encoded) and query: for calls, downloads and upload forms. */
export function urlOf<R extends ApiRoute | DownloadRoute>(route: R, args?: CallArgs<R>): string {
  const path = route.slice(route.indexOf(' ') + 1);
  const params = (args?.params ?? {}) as Record<string, Scalar>;
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: missing ${name}`);
    return encodeURIComponent(String(value));
  });
  return `${filled}${args?.query ? query(args.query) : ''}`;
}

/** Sends the request a route names; writes send `body` (an empty object when none is given). */
export function call<R extends ApiRoute>(route: R, ...[args]: [ParamNames<PathOf<R>>] extends [never] ? [CallArgs<R>?] : [CallArgs<R>]) {
  const method = route.slice(0, route.indexOf(' '));
  const body = method === 'GET' || method === 'DELETE' ? undefined : (args?.body ?? {});
  return request<ResponseOf<R>>(method, urlOf(route, args as CallArgs<R>), body);
}

/** The resource a route belongs to (its first path segment): what a write invalidates. */
export function resourceOf(route: ApiRoute): string {
  return route.split(' ')[1]!.split('/')[3]!;
}
