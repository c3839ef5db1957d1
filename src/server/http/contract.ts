// Response schemas are the API's contract: OpenAPI documents them, the web infers its types from them, and every
// response is checked against its schema. The body is sent as the route produced it — a schema never silently drops
// a field. A mismatch fails the request in tests (where it is a bug to fix) and is logged in production (where a
// user is better served by the answer than by a 500 over a documentation slip). In production only a sample is
// checked (⚙ RESPONSE_CHECK_EVERY, default every 100th response of a route): a 50-row page parsed on every request
// cost more than its query, and a drift shows up in the log within a hundred answers just the same.
import type { FastifyBaseLogger } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';

export function contractSerializer(strict: boolean, log: FastifyBaseLogger, checkEvery = 100) {
  return ({ schema, method, url }: { schema: unknown; method: string; url: string }) => {
    let answered = 0;
    return (data: unknown): string => {
      if (!strict && answered++ % Math.max(1, checkEvery) !== 0) return JSON.stringify(data);
      const result = (schema as ZodType).safeParse(data);
      if (!result.success) {
        if (strict) throw new ResponseSerializationError(method, url, { cause: result.error });
        log.warn({ method, url, issues: result.error.issues.slice(0, 5) }, 'response does not match its schema');
      }
      return JSON.stringify(data);
    };
  };
}
