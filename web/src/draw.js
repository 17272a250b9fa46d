// Drawing a plot with terra-draw: one polygon at a time; when it is closed the geometry goes to
// the caller and the drawing is cleared (the plot check shows it as a highlight).

import { TerraDraw, TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

export function createPolygonDrawer(map) {
  let draw = null;
  let onDone = null;

  function ensure() {
    if (draw) return draw;
    draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: 'onemap-draw' }),
      modes: [
        new TerraDrawPolygonMode({
          keyEvents: { cancel: 'Escape', finish: 'Enter' },
          styles: {
            fillColor: '#1d4ed8',
            fillOpacity: 0.15,
            outlineColor: '#1d4ed8',
            outlineWidth: 2,
            closingPointColor: '#ffffff',
            closingPointOutlineColor: '#1d4ed8',
            closingPointOutlineWidth: 2,
            closingPointWidth: 6,
          },
        }),
      ],
    });
    draw.start();
    draw.on('finish', (id, context) => {
      if (context?.action && context.action !== 'draw') return;
      const feature = draw.getSnapshotFeature(id);
      const callback = onDone;
      stop();
      if (feature?.geometry?.type === 'Polygon' && callback) callback(feature.geometry);
    });
    return draw;
  }

  function stop() {
    onDone = null;
    if (!draw) return;
    draw.clear();
    draw.setMode('static');
  }

  return {
    // Starts drawing; done(geometry) is called with the closed polygon (GeoJSON, lon/lat).
    start(done) {
      ensure();
      onDone = done;
      draw.clear();
      draw.setMode('polygon');
      map.getCanvas().focus();
    },
    stop,
    get active() {
      return Boolean(onDone);
    },
  };
}
