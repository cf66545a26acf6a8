/* conflictmap: the local (offline) basemap, drawn from /api/basemap.geojson:
 * governorate outlines, rivers and lakes, towns. Labels are set as text, never
 * as HTML. Shared by the map page and the incident page. */
(function () {
  "use strict";

  var STYLE = {
    governorate: { color: "#9b907a", weight: 1, fillColor: "#f3efe6", fillOpacity: 1 },
    lake: { color: "#6f9fc4", weight: 0.5, fillColor: "#b9d5ea", fillOpacity: 1 },
    river: { color: "#5b93c7", weight: 2, opacity: 0.9 },
  };

  function textElement(tag, text, className) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  /* Zoom classes let CSS hide minor labels when zoomed out. */
  function trackZoom(map) {
    function update() {
      var el = map.getContainer();
      var z = map.getZoom();
      el.classList.toggle("zoom-far", z < 8);
      el.classList.toggle("zoom-country", z < 7);
      el.classList.toggle("zoom-regional", z < 10);
    }
    map.on("zoomend", update);
    update();
  }

  function draw(map, url, group) {
    if (!map.getPane("basemap")) map.createPane("basemap").style.zIndex = 250;
    if (!map.getPane("basemap-labels")) map.createPane("basemap-labels").style.zIndex = 260;
    trackZoom(map);
    return fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("basemap answered " + r.status);
        return r.json();
      })
      .then(function (data) {
        var order = ["governorate", "lake", "river", "place"];
        order.forEach(function (layer) {
          L.geoJSON(data, {
            filter: function (f) { return f.properties.layer === layer; },
            style: function () { return STYLE[layer]; },
            interactive: false,
            pane: "basemap",
            pointToLayer: function (f, latlng) {
              var p = f.properties;
              var major = p.kind === "city";
              var marker = L.circleMarker(latlng, {
                radius: major ? 3.5 : 2.5, color: "#444", weight: 1, fillColor: "#fff",
                fillOpacity: 1, interactive: false, pane: "basemap-labels",
              });
              var label = textElement("span", p.name);
              if (p.name_ar) {
                label.appendChild(document.createTextNode(" "));
                var ar = textElement("span", p.name_ar);
                ar.lang = "ar";
                ar.dir = "rtl";
                label.appendChild(ar);
              }
              marker.bindTooltip(label, {
                permanent: true, direction: "right", offset: [4, 0], interactive: false,
                className: "place-label " + (major ? "major" : "minor"), pane: "basemap-labels",
              });
              return marker;
            },
            onEachFeature: function (f, layer) {
              if (f.properties.layer === "river" && f.properties.name) {
                layer.bindTooltip(textElement("span", f.properties.name), {
                  permanent: true, direction: "center", className: "river-label",
                  interactive: false, pane: "basemap-labels",
                });
              }
            },
          }).addTo(group);
        });
        return data;
      });
  }

  window.conflictBasemap = { draw: draw, textElement: textElement };
})();
