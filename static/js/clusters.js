/* conflictmap: the server's incident clusters on the map.
 *
 * /api/incident-clusters.json (events/clusters.py) answers a view at a zoom with
 * clusters (count, centroid, killed, dominant event type, grid cell) where a
 * tile holds many incidents, and single incidents as light GeoJSON Features
 * where it holds few; map.js draws the single incidents as it always has and
 * hands the clusters to this module. A cluster is a keyboard-reachable marker
 * coloured by its dominant event type; clicking it (or Enter) zooms into its cell.
 * Text from the data is only set as text (textContent, title).
 */
(function () {
  "use strict";

  var i18n = window.cmI18n;
  var _ = i18n.t, ngettext = i18n.n, digits = i18n.digits;
  var TYPE_LABELS = {
    battles: _("Battles"),
    explosions_remote_violence: _("Explosions/Remote violence"),
    violence_against_civilians: _("Violence against civilians"),
    protests: _("Protests"),
    riots: _("Riots"),
    strategic_developments: _("Strategic developments"),
  };

  function cssToken(value) { return String(value || "").replace(/[^a-z0-9_-]/gi, ""); }

  function sizeFor(n) { return n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : n < 10000 ? 52 : 60; }

  function shortCount(n) {
    if (n < 10000) return digits(n);
    if (n < 1000000) return _("%(count)sk", { count: digits(Math.round(n / 1000)) });
    return _("%(count)sM", { count: digits((n / 1000000).toFixed(1)) });
  }

  var icons = {};
  function iconFor(cluster) {
    var label = shortCount(cluster.count);
    var type = cssToken(cluster.type);
    var key = label + "|" + type;
    if (!icons[key]) {
      var size = sizeFor(cluster.count);
      var span = document.createElement("span");
      span.className = "type-" + type;
      span.textContent = label;
      icons[key] = L.divIcon({
        html: span.outerHTML, className: "incident-cluster server-cluster", iconSize: [size, size],
      });
    }
    return icons[key];
  }

  var number = new Intl.NumberFormat("en-GB"); // one formatter, not one per call
  function describe(cluster) {
    return _("%(count)s incidents, %(killed)s killed (best estimate); mostly %(type)s. Zoom in", {
      count: digits(number.format(cluster.count)),
      killed: digits(number.format(cluster.killed)),
      type: TYPE_LABELS[cluster.type] || cluster.type,
    });
  }

  /* A layer of cluster markers; render() replaces them. */
  function layer(map, options) {
    var maxZoom = (options && options.maxZoom) || 18;
    var group = L.layerGroup();

    function zoomInto(cluster) {
      var cell = cluster.cell;
      var bounds = L.latLngBounds([cell[1], cell[0]], [cell[3], cell[2]]);
      var target = Math.min(Math.max(map.getBoundsZoom(bounds), map.getZoom() + 1), maxZoom);
      map.setView([cluster.lat, cluster.lon], target);
    }

    function markerFor(cluster) {
      var marker = L.marker([cluster.lat, cluster.lon], {
        icon: iconFor(cluster), title: describe(cluster), keyboard: true,
      });
      marker.on("click", function () { zoomInto(cluster); });
      // Leaflet opens only bound popups on Enter: zoom in from the keyboard too.
      marker.on("keypress", function (e) {
        var key = e.originalEvent && e.originalEvent.key;
        if (key === "Enter" || key === " ") zoomInto(cluster);
      });
      marker.on("add", function () {
        var el = marker.getElement();
        if (el) {
          el.dataset.count = String(cluster.count);
          el.dataset.type = cluster.type;
        }
      });
      return marker;
    }

    return {
      group: group,
      render: function (clusters) {
        group.clearLayers();
        (clusters || []).forEach(function (cluster) { group.addLayer(markerFor(cluster)); });
      },
      clear: function () { group.clearLayers(); },
    };
  }

  window.conflictClusters = { layer: layer, labels: TYPE_LABELS };
})();
