// The web map on the demo catalog (Jiyuan): `onemap serve --config onemap.yaml`.
import path from 'node:path';
import { demoFacts } from './lib/facts.mjs';
import { mapSuite } from './lib/map-suite.mjs';
import { PROJECT_ROOT, startServer } from './lib/server.mjs';

mapSuite('demo', async () => {
  const server = await startServer(['--config', path.join(PROJECT_ROOT, 'onemap.yaml')]);
  try {
    return { ...server, facts: await demoFacts(server.origin) };
  } catch (error) {
    await server.stop();
    throw error;
  }
});
