/* conflictmap: the server's incident clusters on the map.
 *
 * /api/incident-clusters.json (events/clusters.py) answers a view at a zoom with
 * clusters (count, centroid, killed, dominant event type, grid cell) where a
 * tile holds many incidents, and single incidents as light GeoJSON Features
 * where it holds few; map.js draws them all through one light layer
 * (incident_layer.js), this module making the clusters' items. A cluster is a
 * keyboard-reachable marker coloured by its dominant event type; clicking it (or
 * Enter) zooms into its cell.
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

  var number = new Intl.NumberFormat("en-GB"); // one formatter, not one per call
  function describe(cluster) {
    return _("%(count)s incidents, %(killed)s killed (best estimate); mostly %(type)s. Zoom in", {
      count: digits(number.format(cluster.count)),
      killed: digits(number.format(cluster.killed)),
      type: TYPE_LABELS[cluster.type] || cluster.type,
    });
  }

  /* The server's clusters as items of the incident layer (incident_layer.js):
     a disc coloured by the dominant event type, sized by the count; clicking it
     (or Enter) zooms into its cell. */
  function items(map, clusters, maxZoom) {
    var z = map.getZoom();
    return (clusters || []).map(function (cluster) {
      var type = cssToken(cluster.type);
      return {
        key: "c|" + z + "|" + cluster.cell.join(",") + "|" + cluster.count + "|" + type,
        lat: cluster.lat, lng: cluster.lon, size: sizeFor(cluster.count),
        className: "incident-cluster server-cluster", label: shortCount(cluster.count),
        labelClass: "type-" + type, title: describe(cluster),
        data: { count: String(cluster.count), type: cluster.type },
        activate: function () { zoomInto(map, cluster, maxZoom); },
      };
    });
  }

  function zoomInto(map, cluster, maxZoom) {
    var cell = cluster.cell;
    var bounds = L.latLngBounds([cell[1], cell[0]], [cell[3], cell[2]]);
    var target = Math.min(Math.max(map.getBoundsZoom(bounds), map.getZoom() + 1), maxZoom || 18);
    map.setView([cluster.lat, cluster.lon], target);
  }

  window.conflictClusters = { items: items, labels: TYPE_LABELS };
})();
