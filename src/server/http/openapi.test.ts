// The OpenAPI document shows the contract: every operation of a resource on the contract (src/shared/api/) documents
// the JSON schema of its success response. Files (xlsx, docx) and 204s have no JSON body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/harness.ts';

// Resources whose routes declare response schemas; the list grows until it holds every tag.
const CONTRACTED = ['units', 'alerts', 'blockers'];

type Operation = { tags?: string[]; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

describe('the OpenAPI document', () => {
  let context: TestContext;
  beforeAll(async () => {
    context = await createTestContext('pglite');
  });
  afterAll(() => context.close());

  it('documents the success response of every operation on the contract', async () => {
    const response = await context.built.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const document = response.json() as { paths: Record<string, Record<string, Operation>> };
    const missing: string[] = [];
    let documented = 0;
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(methods)) {
        if (/export|\.xlsx|\.docx|template|download/.test(path) || method === 'delete') continue;
        operations++;
        const success = operation.responses?.['200'] ?? operation.responses?.['201'];
        const schema = success?.content?.['application/json']?.schema;
        if (schema) documented++;
        else if (operation.tags?.some((tag) => CONTRACTED.includes(tag))) missing.push(`${method.toUpperCase()} ${path}`);
      }
    expect(missing).toEqual([]);
    // the blockers' schema is really in the document, with its fields
    const list = document.paths['/api/v1/blockers']!.get!.responses!['200']!.content!['application/json']!.schema as {
      properties: { items: { items: { properties: Record<string, unknown> } } };
    };
    expect(Object.keys(list.properties.items.items.properties)).toEqual(expect.arrayContaining(['status', 'escalated', 'overdueDays']));
    console.info(`response schemas: ${documented} of ${operations} JSON operations`);
    expect(documented).toBeGreaterThanOrEqual(14);
    expect(operations).toBeGreaterThan(100);
  });
});
