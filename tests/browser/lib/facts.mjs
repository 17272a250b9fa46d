// What the map must show, worked out without the page: for the generated city from its
// construction (cross-checked with the server's synchronous answers), for the demo from the
// server's features API and synchronous process calls.

import { executeSync, getJSON } from './server.mjs';

export function bboxOf(geometry) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
    } else c.forEach(visit);
  };
  visit(geometry.coordinates);
  return box;
}

async function one(origin, collection, filter) {
  const query = new URLSearchParams({ ...filter, limit: '1' });
  const fc = await getJSON(origin, `/collections/${collection}/items?${query}`);
  if (!fc.features.length) throw new Error(`no ${collection} feature with ${JSON.stringify(filter)}`);
  return fc.features[0];
}

const distinctRules = (answer) => [...new Set(answer.restrictions.map((r) => r.rule))].sort();

async function r1Names(origin) {
  const fc = await executeSync(origin, 'screening', { rules: ['R1'] });
  return [...new Set(fc.features.map((f) => f.properties.name))].sort();
}

export async function demoFacts(origin) {
  const township = await one(origin, 'townships', { name: '克井镇' });
  const enterprise = await one(origin, 'enterprises', { name: '豫光金铅' });
  const parcels = await getJSON(origin, `/collections/farmland/items?${new URLSearchParams({ category: '优先保护类', limit: '10000' })}`);
  const parcel = parcels.features.reduce((a, b) => ((b.properties.area_mu ?? 0) > (a.properties.area_mu ?? 0) ? b : a));
  const parcelBox = bboxOf(parcel.geometry);

  // The first plot with two or more rules for residential use (preferring one restricted by
  // another feature as well), and the first with none.
  const plots = await getJSON(origin, '/collections/polluted_plots/items?limit=10000');
  let restricted = null;
  let clean = null;
  for (const plot of plots.features.sort((a, b) => Number(a.id) - Number(b.id))) {
    const answer = await executeSync(origin, 'plot-restrictions', { collection: 'polluted_plots', feature_id: plot.id, planned_use: 'residential' });
    const rules = distinctRules(answer);
    const byOther = answer.restrictions.some((r) => !(r.layer === 'polluted_plots' && String(r.feature_id) === String(plot.id)));
    if (rules.length >= 2 && (!restricted || (byOther && !restricted.byOther))) {
      restricted = { id: String(plot.id), name: plot.properties.name, use: 'residential', rules, byOther, bbox: bboxOf(plot.geometry) };
    }
    if (!rules.length && !clean) clean = { id: String(plot.id), name: plot.properties.name, use: 'residential' };
    if (restricted?.byOther && clean) break;
  }
  if (!restricted || !clean) throw new Error('the demo has no restricted or no clean plot');

  return {
    township: { name: township.properties.name, bbox: bboxOf(township.geometry) },
    enterprise: { name: enterprise.properties.name, lonlat: enterprise.geometry.coordinates },
    farmland: { bbox: parcelBox, centre: [(parcelBox[0] + parcelBox[2]) / 2, (parcelBox[1] + parcelBox[3]) / 2] },
    restrictedPlot: restricted,
    cleanPlot: clean,
    r1Names: await r1Names(origin),
  };
}

// The generated city's facts, checked against the server's own synchronous answers first: a
// server that disagrees with the construction fails here, before any page is opened.
export async function generatedFacts(origin, facts) {
  const restricted = facts.restricted_plot;
  const answer = await executeSync(origin, 'plot-restrictions', { collection: 'polluted_plots', feature_id: restricted.id, planned_use: restricted.use });
  const rules = distinctRules(answer);
  if (JSON.stringify(rules) !== JSON.stringify([...restricted.rules].sort())) {
    throw new Error(`plot ${restricted.id}: the server finds ${rules}, the data was built for ${restricted.rules}`);
  }
  const cleanAnswer = await executeSync(origin, 'plot-restrictions', { collection: 'polluted_plots', feature_id: facts.clean_plot.id, planned_use: facts.clean_plot.use });
  if (cleanAnswer.restrictions.length) throw new Error(`plot ${facts.clean_plot.id} should be clean: ${JSON.stringify(cleanAnswer.restrictions)}`);
  const r1 = await r1Names(origin);
  if (JSON.stringify(r1) !== JSON.stringify([...facts.r1_enterprises].sort())) {
    throw new Error(`R1: the server finds ${r1}, the data was built for ${facts.r1_enterprises}`);
  }
  const townshipName = '东溪镇';
  const enterpriseName = '金泰冶炼厂';
  return {
    township: { name: townshipName, bbox: facts.townships[townshipName].bbox },
    enterprise: { name: enterpriseName, lonlat: facts.enterprises[enterpriseName].lonlat },
    farmland: { bbox: facts.farmland['优先保护类'].bbox, centre: facts.farmland['优先保护类'].centre },
    restrictedPlot: {
      id: String(restricted.id), name: restricted.name, use: restricted.use, rules: [...restricted.rules].sort(), bbox: facts.plots[restricted.name].bbox,
    },
    cleanPlot: { id: String(facts.clean_plot.id), name: facts.clean_plot.name, use: facts.clean_plot.use },
    r1Names: [...facts.r1_enterprises].sort(),
    bounds: facts.bounds,
  };
}
