/* conflictmap admin: a map of the incidents in the filtered change list.
 * Points come from a json_script block; popups are built as DOM text. */
(function () {
  "use strict";

  var COLOURS = { draft: "#7a7a7a", review: "#d98c00", published: "#b00020", archived: "#4a4a8a" };

  function popup(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    var meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = point.date + " · " + point.status + " · " + point.code;
    box.append(link, meta);
    return box;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("incident-list-map");
    var source = document.getElementById("incident-list-points");
    if (!el || !source || !window.L) return;
    var data = JSON.parse(source.textContent);
    var map = L.map(el, { scrollWheelZoom: false }).setView([35.2, 40.3], 7);
    map.attributionControl.setPrefix("conflictmap");
    if (window.conflictAdmin && window.conflictAdmin.addBasemap) window.conflictAdmin.addBasemap(map);
    var group = L.featureGroup().addTo(map);
    data.points.forEach(function (point) {
      L.circleMarker([point.lat, point.lon], {
        radius: 6, color: "#fff", weight: 1.5, fillOpacity: 0.9,
        fillColor: COLOURS[point.status] || "#333",
        className: "list-marker status-" + point.status,
      }).bindPopup(popup(point)).addTo(group);
    });
    if (data.points.length) map.fitBounds(group.getBounds(), { maxZoom: 11, padding: [24, 24] });
    el.setAttribute("data-marker-count", String(data.points.length));
  });
})();
