import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_CLIENT_DIR, API_CLIENT_FILES, renderApiClient } from '../../scripts/api-client.js';
import { openApiDocument } from '../../src/http/openapi-document.js';
import { type TestContext, testContext } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Data-keyed maps (category codes, statuses, job payloads): any key, but every value typed. */
const isTypedMap = (schema: Json) =>
  typeof schema.additionalProperties === 'object' && !schema.properties && !schema.patternProperties;

/** Every place under `schema` where an object would let properties through that it does not name. */
function openObjects(doc: Json, schema: unknown, where: string, seen = new Set<string>()): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => openObjects(doc, s, `${where}[${i}]`, seen));
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    if (seen.has(s.$ref)) return [];
    seen.add(s.$ref);
    const name = s.$ref.replace('#/components/schemas/', '');
    return openObjects(doc, doc.components.schemas[name], s.$ref, seen);
  }
  const types = [s.type].flat();
  const own = types.includes('object') && s.additionalProperties !== false && !isTypedMap(s) ? [where] : [];
  return [
    ...own,
    ...Object.entries(s).flatMap(([key, value]) =>
      key === 'enum' || key === 'const' || key === 'examples'
        ? []
        : openObjects(doc, value, `${where}.${key}`, seen),
    ),
  ];
}

describe('the OpenAPI document and the typed client', () => {
  let ctx: TestContext;
  let doc: Json;

  beforeAll(async () => {
    ctx = await testContext('embedded');
    doc = await openApiDocument(ctx);
  });
  afterAll(async () => ctx?.close());

  test('every JSON response is an exact schema: no object allows properties it does not name', () => {
    const problems: string[] = [];
    let responses = 0;
    for (const [url, operations] of Object.entries(doc.paths as Json))
      for (const [method, operation] of Object.entries(operations as Json))
        for (const [status, response] of Object.entries((operation as Json).responses ?? {})) {
          const content = (response as Json).content?.['application/json'];
          if (!content) continue;
          responses++;
          problems.push(...openObjects(doc, content.schema, `${method.toUpperCase()} ${url} ${status}`));
        }
    expect(responses).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  test('every JSON operation documents its successful response', () => {
    const undocumented = Object.entries(doc.paths as Json).flatMap(([url, operations]) =>
      Object.entries(operations as Json)
        .filter(
          ([, op]) =>
            !Object.entries((op as Json).responses ?? {}).some(
              ([status, response]) =>
                /^2\d\d$/.test(status) && (response as Json).content?.['application/json'],
            ),
        )
        .map(([method]) => `${method.toUpperCase()} ${url}`),
    );
    // the media route answers with the file itself (image/jpeg or video/mp4), the live feed with server-sent
    // events (text/event-stream)
    expect(undocumented.sort()).toEqual(['GET /api/v1/live', 'GET /media/{id}/{variant}'].sort());
  });

  test('the committed client (clients/api) is generated from the current document: run npm run api:types', async () => {
    const expected = await renderApiClient(doc);
    for (const name of API_CLIENT_FILES) {
      const committed = await fs.readFile(path.join(API_CLIENT_DIR, name), 'utf8').catch(() => '');
      expect(committed === expected[name], `clients/api/${name} is stale: run npm run api:types`).toBe(true);
    }
  });
});
