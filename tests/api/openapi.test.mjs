// /api of the real binary on the demo data is a valid OpenAPI 3.0 document, as
// @apidevtools/swagger-parser checks it, and one read offline: every $ref points inside it. The
// public's document and an admin's are checked, polluted_plots restricted to the land bureau so
// the two differ; a broken document must be refused, so the validator is seen to fail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import SwaggerParser from '@apidevtools/swagger-parser';

import { addKey, demoConfigCopy, getJSON, startServer } from '../browser/lib/server.mjs';

const RESTRICTED = 'polluted_plots';
let config;
let server;
let adminKey;

before(async () => {
  config = demoConfigCopy({
    editLayer: (id, text) => (id === RESTRICTED ? `${text.trimEnd()}\nroles: [land_bureau]\n` : text),
  });
  adminKey = addKey(config.config, 'admin');
  server = await startServer(['--config', config.config]);
});

after(async () => {
  await server?.stop();
  config?.remove();
});

// Every "$ref" in the document, wherever it stands.
function refs(node, found = []) {
  if (Array.isArray(node)) node.forEach((n) => refs(n, found));
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') found.push(value);
      else refs(value, found);
    }
  return found;
}

// swagger-parser checks the document against the OpenAPI 3.0 schema and resolves its $refs (in
// place: it gets a copy). External references are not followed, so a $ref leaving the document
// is an error rather than a fetch. Its checks beyond the schema are Swagger 2.0's only, so two of
// them are made here: each path's {names} are its path parameters, and operationIds are unique.
async function validate(doc) {
  const api = await SwaggerParser.validate(structuredClone(doc), { resolve: { external: false } });
  const operationIds = new Set();
  for (const [path, item] of Object.entries(api.paths)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const [method, operation] of Object.entries(item)) {
      const inPath = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      assert.deepEqual(inPath, names, `${method} ${path}: path parameters`);
      assert.ok(!operationIds.has(operation.operationId), `operationId ${operation.operationId} twice`);
      operationIds.add(operation.operationId);
    }
  }
  return api;
}

async function assertValid(doc) {
  assert.equal(doc.openapi, '3.0.3');
  const outside = refs(doc).filter((ref) => !ref.startsWith('#/'));
  assert.deepEqual(outside, [], 'every $ref points inside the document');
  await validate(doc);
}

test("the public's document is valid OpenAPI 3.0", async () => {
  const doc = await getJSON(server.origin, '/api');
  await assertValid(doc);
  assert.ok(doc.paths['/collections/townships/items'], 'townships are public');
  assert.equal(doc.paths[`/collections/${RESTRICTED}/items`], undefined, 'a restricted collection is not named');
});

test("an admin's document, with every collection, is valid OpenAPI 3.0", async () => {
  const pub = await getJSON(server.origin, '/api');
  const doc = await getJSON(server.origin, '/api', { headers: { 'X-API-Key': adminKey } });
  await assertValid(doc);
  assert.ok(doc.paths[`/collections/${RESTRICTED}/items`], 'admin sees every collection');
  assert.ok(Object.keys(doc.paths).length > Object.keys(pub.paths).length);
});

test('a broken document is refused', async () => {
  const doc = await getJSON(server.origin, '/api');
  const tile = '/tiles/{layers}/{z}/{x}/{y}.mvt';
  assert.ok(doc.paths[tile]);

  const missingParameter = structuredClone(doc);
  missingParameter.paths[tile].get.parameters = missingParameter.paths[tile].get.parameters.filter((p) => p.name !== 'z');
  await assert.rejects(validate(missingParameter), /path parameter|\{z\}/i);

  const danglingRef = structuredClone(doc);
  danglingRef.paths['/collections'].get.responses['200'] = { $ref: '#/components/responses/Nowhere' };
  await assert.rejects(validate(danglingRef));

  // swagger-parser leaves an external $ref alone when not resolving them: the check of refs fails.
  const external = structuredClone(doc);
  external.paths['/conformance'].get.responses['200'].content['application/json'].schema = {
    $ref: 'http://www.opengis.net/def/schemas/confClasses.yaml',
  };
  await assert.rejects(assertValid(external), /inside the document/);

  const noResponses = structuredClone(doc);
  delete noResponses.paths['/health'].get.responses;
  await assert.rejects(validate(noResponses));
});
