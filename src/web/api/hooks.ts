// TanStack Query over the contract: the query key of a read is derived from its route and arguments
// ([resource, route, args]), so a write invalidates a whole resource with `useInvalidate()('projects')` and no page
// makes a key by hand.
import { useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiRoute, ResponseOf } from '../../shared/api/index.ts';
import type { ApiError } from './client.ts';
import { call, resourceOf, type CallArgs } from './contract.ts';

type GetRoute = Extract<ApiRoute, `GET ${string}`>;

export const keyOf = <R extends ApiRoute>(route: R, args?: CallArgs<R>) =>
  [resourceOf(route), route, { params: args?.params ?? null, query: args?.query ?? null }] as const;

type Options<R extends GetRoute, T> = Omit<UseQueryOptions<ResponseOf<R>, ApiError, T>, 'queryKey' | 'queryFn'>;

/** A read of the API, cached under its derived key. */
export function useApi<R extends GetRoute, T = ResponseOf<R>>(route: R, args?: CallArgs<R>, options?: Options<R, T>) {
  return useQuery<ResponseOf<R>, ApiError, T>({
    queryKey: keyOf(route, args),
    queryFn: () => (call as (route: R, args?: CallArgs<R>) => Promise<ResponseOf<R>>)(route, args),
    ...options,
  });
}

/** Marks every cached read of the given resources stale (after a write changed them). */
export function useInvalidate() {
  const client = useQueryClient();
  return useCallback(
    (...resources: string[]) => Promise.all(resources.map((resource) => client.invalidateQueries({ queryKey: [resource] }))),
    [client],
  );
}
