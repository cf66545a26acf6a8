/* conflictmap: the small map on an incident's page: the point, its uncertainty
 * circle, and the control zones in force on the incident's date. */
(function () {
  "use strict";

  var NOMINAL_RADIUS = { neighbourhood: 1000, town: 3000, district: 15000 };

  function init(map) {
    var el = map.getContainer();
    var lat = parseFloat(el.dataset.lat);
    var lng = parseFloat(el.dataset.lng);
    map.createPane("zones").style.zIndex = 400;
    window.conflictBasemap.draw(map, el.dataset.basemapUrl, L.layerGroup().addTo(map)).catch(function () {});
    if (!isFinite(lat) || !isFinite(lng)) {
      el.classList.add("no-location");
      return;
    }
    var radius = parseInt(el.dataset.radius, 10) || NOMINAL_RADIUS[el.dataset.precision] || 0;
    var centre = L.latLng(lat, lng);
    if (radius) {
      var circle = L.circle(centre, {
        radius: radius, color: "#7a1020", weight: 1, dashArray: "4 4", fillColor: "#b00020",
        fillOpacity: 0.08, interactive: false,
      }).addTo(map);
      map.fitBounds(circle.getBounds().pad(1.5));
    } else {
      map.setView(centre, 12);
    }
    L.marker(centre, {
      icon: L.divIcon({
        className: "incident-marker type-" + String(el.dataset.eventType).replace(/[^a-z_]/g, "") +
          (el.dataset.precision !== "exact" ? " approx" : ""),
        iconSize: [18, 18], html: "",
      }),
      keyboard: false,
      interactive: false,
    }).addTo(map);
    fetch(el.dataset.zonesUrl + "?date=" + encodeURIComponent(el.dataset.date))
      .then(function (r) { return r.ok ? r.json() : { features: [] }; })
      .then(function (data) {
        L.geoJSON(data, {
          pane: "zones",
          style: function (f) {
            var p = f.properties;
            return {
              color: p.colour, weight: 1.5, dashArray: p.approximate ? "6 5" : null,
              fillColor: p.colour, fillOpacity: 0.25, interactive: false,
            };
          },
        }).addTo(map);
      })
      .catch(function () {});
  }

  window.incidentMap = { init: init };
})();
