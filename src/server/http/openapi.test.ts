// The OpenAPI document shows the contract: every operation documents the JSON schema of its success response
// (src/shared/api/) and the error shape. Downloads (xlsx, docx, attachments) and 204s have no JSON body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, NO_CONTENT } from '../../shared/api/index.ts';
import { createTestContext, type TestContext } from '../testing/harness.ts';

const DOWNLOAD = /export|xlsx|docx|template|attachments\/\{id\}$|photos\/\{photoId\}$/;

type Operation = { tags?: string[]; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

describe('the OpenAPI document', () => {
  let context: TestContext;
  beforeAll(async () => {
    context = await createTestContext('pglite');
  });
  afterAll(() => context.close());

  it('documents the success and error responses of every operation', async () => {
    const response = await context.built.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const document = response.json() as { paths: Record<string, Record<string, Operation>> };
    const missing: string[] = [];
    let documented = 0;
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(methods)) {
        if (!operation.responses?.['4XX'] && !operation.responses?.['4xx']) missing.push(`${method.toUpperCase()} ${path} (errors)`);
        if ((method === 'get' && DOWNLOAD.test(path)) || method === 'delete') continue;
        operations++;
        const success = operation.responses?.['200'] ?? operation.responses?.['201'];
        const schema = success?.content?.['application/json']?.schema;
        if (schema) documented++;
        else missing.push(`${method.toUpperCase()} ${path}`);
      }
    expect(missing).toEqual([]);
    // the blockers' schema is really in the document, with its fields
    const list = document.paths['/api/v1/blockers']!.get!.responses!['200']!.content!['application/json']!.schema as {
      properties: { items: { items: { properties: Record<string, unknown> } } };
    };
    expect(Object.keys(list.properties.items.items.properties)).toEqual(expect.arrayContaining(['status', 'escalated', 'overdueDays']));
    expect(documented).toBe(operations);
    expect(operations).toBeGreaterThan(110);
  });
});

describe('the contract table (src/shared/api/index.ts)', () => {
  it('names every JSON operation with the very schema its route declares, and nothing else', async () => {
    const context = await createTestContext('pglite');
    try {
      const declared = context.built.routes.filter(
        (route) => route.url.startsWith('/api/v1') && route.method !== 'HEAD' && route.success !== undefined,
      );
      const table = API as Record<string, unknown>;
      const wrong = declared.filter((route) => table[`${route.method} ${route.url}`] !== route.success).map((r) => `${r.method} ${r.url}`);
      expect(wrong).toEqual([]);
      const routes = new Set(declared.map((route) => `${route.method} ${route.url}`));
      expect(Object.keys(table).filter((key) => !routes.has(key))).toEqual([]);
      // the 204s: real routes, with no body to describe
      const all = new Map(context.built.routes.map((route) => [`${route.method} ${route.url}`, route]));
      expect(NO_CONTENT.filter((key) => !all.has(key) || all.get(key)!.success !== undefined)).toEqual([]);
      expect(declared.length).toBeGreaterThan(110);
    } finally {
      await context.close();
    }
  });
});
