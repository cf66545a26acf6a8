/* conflictmap: incidents over territorial control.
 * Initialised by django-leaflet's map:init callback (window.conflictMap.init).
 * All data comes from the GeoJSON API; every text from the data is escaped. */
(function () {
  "use strict";

  function escapeHtml(value) {
    return String(value == null ? "" : value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: "application/geo+json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + " answered " + r.status);
      return r.json();
    });
  }

  function claimLine(claim) {
    var value = claim.max === null ? claim.min + "+" :
      (claim.min === claim.max ? String(claim.min) : claim.min + "–" + claim.max);
    return "<li><strong>" + escapeHtml(claim.source) + "</strong>: " + escapeHtml(value) +
      " " + escapeHtml(claim.outcome) + (claim.wording ? " <em>(" + escapeHtml(claim.wording) + ")</em>" : "") + "</li>";
  }

  function incidentPopup(p) {
    var perpetrators = p.attributions.filter(function (a) { return a.role === "perpetrator"; });
    return '<div class="popup">' +
      "<h3>" + escapeHtml(p.title) + "</h3>" +
      '<p class="meta">' + escapeHtml(p.date_start) + (p.time_note ? ", " + escapeHtml(p.time_note) : "") +
      " · " + escapeHtml(p.place) + (p.place_ar ? ' <span lang="ar" dir="rtl">' + escapeHtml(p.place_ar) + "</span>" : "") + "</p>" +
      '<p class="meta">Held by: ' + escapeHtml(p.controller_at_event || "unknown") + "</p>" +
      "<h4>Claims</h4><ul>" + p.claims.map(claimLine).join("") + "</ul>" +
      "<h4>Alleged perpetrators</h4><ul>" + perpetrators.map(function (a) {
        return "<li>" + escapeHtml(a.actor_name) + " — " + escapeHtml(a.stance) +
          (a.source ? " by " + escapeHtml(a.source) : "") + "</li>";
      }).join("") + "</ul>" +
      '<p><a href="' + escapeHtml(p.url) + '">Details and sources</a></p></div>';
  }

  function init(map) {
    var el = document.getElementById("map");
    var dateInput = document.getElementById("control-date");
    var layerControl = L.control.layers({}, {}, { collapsed: false }).addTo(map);
    var zoneLayers = {};

    // Local basemap (offline): governorate outlines and towns, in a pane below
    // the control zones and incidents.
    map.createPane("basemap").style.zIndex = 250;
    var basemap = L.layerGroup().addTo(map);
    layerControl.addBaseLayer(basemap, "Local basemap (offline)");
    var osm = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: "© OpenStreetMap contributors",
    });
    layerControl.addBaseLayer(osm, "OpenStreetMap (online)");
    fetchJson(el.dataset.basemapUrl).then(function (data) {
      L.geoJSON(data, {
        style: function () { return { color: "#8a7f6a", weight: 1, fillColor: "#f4efe4", fillOpacity: 1 }; },
        filter: function (f) { return f.properties.layer === "governorate"; },
        interactive: false,
        pane: "basemap",
      }).addTo(basemap);
      L.geoJSON(data, {
        filter: function (f) { return f.properties.layer === "place"; },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 2, color: "#555", weight: 1, interactive: false, pane: "basemap" })
            .bindTooltip(escapeHtml(f.properties.name), { permanent: true, direction: "right", className: "place-label" });
        },
      }).addTo(basemap);
    });

    function drawZones() {
      var url = el.dataset.zonesUrl + "?date=" + encodeURIComponent(dateInput.value);
      fetchJson(url).then(function (data) {
        Object.keys(zoneLayers).forEach(function (slug) { zoneLayers[slug].clearLayers(); });
        data.features.forEach(function (f) {
          var p = f.properties;
          if (!zoneLayers[p.actor]) {
            zoneLayers[p.actor] = L.featureGroup().addTo(map);
            layerControl.addOverlay(zoneLayers[p.actor],
              '<span class="swatch" style="background:' + escapeHtml(p.colour) + '"></span>' + escapeHtml(p.actor_name));
          }
          L.geoJSON(f, {
            style: {
              color: p.colour, weight: 1.5, fillColor: p.colour, fillOpacity: 0.3,
              dashArray: p.approximate || p.state === "contested" ? "6 4" : null,
            },
          }).bindTooltip(escapeHtml(p.actor_name) + " (" + escapeHtml(p.state) +
            (p.approximate ? ", approximate" : "") + ")").addTo(zoneLayers[p.actor]);
        });
        el.dataset.zonesDate = data.date;
      });
    }

    // Incidents sit in their own pane above the control zones, whatever order
    // the two requests finish in.
    map.createPane("incidents").style.zIndex = 450;
    var incidents = L.featureGroup().addTo(map);
    layerControl.addOverlay(incidents, "Incidents");
    fetchJson(el.dataset.incidentsUrl).then(function (data) {
      L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          var p = f.properties;
          var group = L.featureGroup();
          if (p.uncertainty_m) {
            L.circle(latlng, { radius: p.uncertainty_m, color: "#b00020", weight: 1, dashArray: "4 4", fillOpacity: 0.08, interactive: false, pane: "incidents" })
              .addTo(group);
          }
          L.circleMarker(latlng, {
            radius: 6 + Math.min(Math.sqrt(p.fatalities_best || 0), 12),
            color: "#fff", weight: 2, fillColor: "#b00020", fillOpacity: 0.9,
            className: "incident-marker", pane: "incidents",
          }).bindPopup(incidentPopup(p), { maxWidth: 320 }).addTo(group);
          return group;
        },
      }).addTo(incidents);
      el.dataset.incidentCount = data.features.length;
    });

    dateInput.addEventListener("change", drawZones);
    drawZones();
  }

  window.conflictMap = { init: init, escapeHtml: escapeHtml };
})();
