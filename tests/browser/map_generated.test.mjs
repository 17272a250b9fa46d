// The web map on a city it has never seen: a generated dataset near Hangzhou in EPSG:4549,
// published with `onemap serve --data`.
import { generatedFacts } from './lib/facts.mjs';
import { mapSuite } from './lib/map-suite.mjs';
import { generateCity, startServer } from './lib/server.mjs';

mapSuite('generated', async () => {
  const city = generateCity();
  let server;
  try {
    server = await startServer(['--data', city.gpkg]);
    return {
      ...server,
      facts: await generatedFacts(server.origin, city.facts),
      async stop() {
        await server.stop();
        city.remove();
      },
    };
  } catch (error) {
    await server?.stop();
    city.remove();
    throw error;
  }
});
