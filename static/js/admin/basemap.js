/* conflictmap admin: the offline basemap (governorate outlines and towns from
 * /api/basemap.geojson) under every admin map, so maps are readable without tiles.
 * Place names are set as text, never as HTML. */
(function () {
  "use strict";

  var pending = null;

  function basemapUrl() {
    var meta = document.querySelector('meta[name="conflictmap-basemap-url"]');
    return meta ? meta.getAttribute("content") : null;
  }

  function loadBasemap(url) {
    if (!pending) {
      pending = fetch(url, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(url + " answered " + response.status);
          return response.json();
        });
    }
    return pending;
  }

  function label(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function addBasemap(map) {
    var url = basemapUrl();
    if (!url || !window.L || !map) return;
    if (!map.getPane("basemap")) map.createPane("basemap").style.zIndex = 250;
    loadBasemap(url).then(function (data) {
      L.geoJSON(data, {
        filter: function (f) { return f.properties.layer === "governorate"; },
        style: function () { return { color: "#8a7f6a", weight: 1, fillColor: "#f4efe4", fillOpacity: 1 }; },
        interactive: false,
        pane: "basemap",
      }).addTo(map);
      L.geoJSON(data, {
        filter: function (f) { return f.properties.layer === "place"; },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 2, color: "#555", weight: 1, interactive: false, pane: "basemap" })
            .bindTooltip(label(f.properties.name), { permanent: true, direction: "right", className: "place-label" });
        },
      }).addTo(map);
    }).catch(function (error) {
      console.warn("Basemap not loaded:", error);
    });
  }

  window.conflictAdmin = window.conflictAdmin || {};
  window.conflictAdmin.addBasemap = addBasemap;
  window.addEventListener("map:init", function (event) { addBasemap(event.detail.map); });
})();
