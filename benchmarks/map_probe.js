/* Loaded into every page bench_map_scale.py opens: the map handle, and timing helpers. */
window.__map = null;
window.addEventListener('map:init', e => { window.__map = e.detail.map; });
performance.setResourceTimingBufferSize(100000);
window.__frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
window.__settled = async () => {
  const el = document.getElementById('map');
  while (el.dataset.incidentsLoading !== '' || window.__peerBusy) {
    await new Promise(r => setTimeout(r, 5));
  }
  await window.__frame();
  return performance.now();
};
window.__move = async (z, lat, lon) => {
  const t0 = performance.now();
  window.__map.setView([lat, lon], z, {animate: false});
  const t1 = await window.__settled();
  return t1 - t0;
};
window.__requests = (since, pattern) => performance.getEntriesByType('resource')
  .filter(e => e.startTime >= since && e.name.includes(pattern))
  .map(e => ({
    bytes: e.encodedBodySize, start: e.startTime, requestStart: e.requestStart,
    responseStart: e.responseStart, responseEnd: e.responseEnd,
    timing: Object.fromEntries((e.serverTiming || []).map(s => [s.name, s.duration])),
  }));
