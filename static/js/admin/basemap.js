/* conflictmap admin: the offline basemap (js/basemap.js, from /api/basemap.geojson)
 * under every admin map, so maps are readable without tiles. */
(function () {
  "use strict";

  function addBasemap(map) {
    var meta = document.querySelector('meta[name="conflictmap-basemap-url"]');
    if (!meta || !window.L || !window.conflictBasemap || !map) return;
    window.conflictBasemap
      .draw(map, meta.getAttribute("content"), L.layerGroup().addTo(map))
      .catch(function (error) { console.warn("Basemap not loaded:", error); });
  }

  window.conflictAdmin = window.conflictAdmin || {};
  window.conflictAdmin.addBasemap = addBasemap;
  window.addEventListener("map:init", function (event) { addBasemap(event.detail.map); });
})();
