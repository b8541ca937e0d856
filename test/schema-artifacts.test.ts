// The JSON Schema is the contract; the editor schemas and the TypeScript types are generated
// from it and committed. This test fails when someone edits the schema and forgets to
// regenerate (npm run generate), so the three can never drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildArtifacts } from '../scripts/generate-schema-artifacts.ts';

test('committed schema artifacts match what the schema generates', async () => {
  const artifacts = await buildArtifacts();
  assert.ok(artifacts.size >= 4, 'expected the three editor schemas and the types');
  for (const [file, expected] of artifacts) {
    const committed = await readFile(file, 'utf8');
    assert.equal(committed, expected, `${path.basename(file)} is stale: run npm run generate`);
  }
});

test('every property in the schema has a description and every object forbids unknown keys', async () => {
  const schema = JSON.parse(await readFile(new URL('../schema/portcullis.schema.json', import.meta.url), 'utf8'));
  const missingDescriptions: string[] = [];
  const openObjects: string[] = [];
  const visit = (node: unknown, where: string): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') {
      for (const [key, property] of Object.entries(record.properties as Record<string, Record<string, unknown>>)) {
        // A property may take its description from the definition it references.
        if (!property.description && !property.$ref) missingDescriptions.push(`${where}.${key}`);
      }
    }
    const isObjectSchema = record.type === 'object';
    // Objects whose variants are chosen by a discriminator close themselves in each variant;
    // free-form maps declare their value schema in additionalProperties; embedded JSON Schemas are open on purpose.
    const embeddedSchema = /\.(schema)$/.test(where);
    if (isObjectSchema && record.additionalProperties === undefined && !record.discriminator && !embeddedSchema) openObjects.push(where);
    for (const [key, child] of Object.entries(record)) visit(child, `${where}.${key}`);
  };
  visit(schema, '#');
  assert.deepEqual(missingDescriptions, []);
  assert.deepEqual(openObjects, []);
});
