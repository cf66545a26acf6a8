/* conflictmap: incidents over territorial control, through time.
 *
 * Initialised by django-leaflet's map:init callback (window.conflictMap.init).
 * Data comes from the API with the current filters: light incident points
 * (bbox-aware), control zones for the chosen date, the local basemap; a popup
 * loads one incident's server-rendered (escaped) summary when it opens.
 * Text from the data is only ever set as text (textContent, title), never as HTML.
 *
 * The URL holds the whole state (map=zoom/lat/lng, date, the shared filters,
 * hidden layers, base map): filter, date and layer changes push a history
 * entry, panning and zooming replace the current one; back/forward restore.
 */
(function () {
  "use strict";

  var FILTERS = ["from", "to", "type", "actor", "role", "min_fatalities", "q"];
  // Radius drawn when only the precision is known (metres); mirrors
  // events/templatetags/incident_display.py NOMINAL_RADIUS_M.
  var NOMINAL_RADIUS = { neighbourhood: 1000, town: 3000, district: 15000 };
  // Incidents known only to a district, governorate or the country are drawn as
  // the area they could be anywhere in (a translucent disc of their uncertainty
  // radius, with a count at its centre), never as a pin. Radii used when the
  // incident gives none mirror events/geocoding/precision.py KIND_RADIUS_M.
  var AREA_PRECISIONS = { district: 30000, governorate: 100000, country: 400000 };
  var LIST_PAGE = 50;  // stacked incidents listed per page of a stack's popup
  var CIRCLE_MIN_ZOOM = 8;
  var CIRCLE_MAX = 400;
  var CLUSTER_UNTIL_ZOOM = 13;  // below it, overlapping single markers are grouped
  var CLUSTER_RADIUS = 45;  // pixels
  var DAY_MS = 86400000;
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  function $(id) { return document.getElementById(id); }

  // The page's language and digits (static/js/i18n.js over Django's JS catalogue).
  var i18n = window.cmI18n;
  var _ = i18n.t, ngettext = i18n.n, digits = i18n.digits;
  var ZONE_STATES = { contested: _("contested"), held: _("held") };
  var CONFIDENCE = { low: _("low"), medium: _("medium"), high: _("high") };
  var PRECISIONS = { district: _("district"), governorate: _("governorate"), country: _("country") };

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value == null ? "" : String(value);
    if (className) el.className = className;
    return el;
  }

  function cssToken(value) { return String(value || "").replace(/[^a-z0-9_-]/gi, ""); }

  function parseDay(value) {
    if (!ISO_DATE.test(value || "")) return null;
    var t = Date.parse(value + "T00:00:00Z");
    return isNaN(t) ? null : t;
  }

  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }

  var LONG_DAY = { day: "numeric", month: "long", year: "numeric" };
  var formatters = {};  // Intl formatters are costly to build: one per option set
  function formatDay(value, options) {
    var t = parseDay(value);
    if (t === null) return value;
    var key = JSON.stringify(options || LONG_DAY);
    if (!formatters[key]) {
      formatters[key] = new Intl.DateTimeFormat(i18n.locale, Object.assign({ timeZone: "UTC" }, options || LONG_DAY));
    }
    return formatters[key].format(new Date(t));
  }

  /* The incident's dates at the precision they are known ("23 October 2017",
     "21–23 October 2017", "week of 16 October 2017", "October 2017", "2017"): the
     rule of events/display.py (date_label), mirrored for the markers' titles. */
  var MONTH = { month: "long", year: "numeric" };
  function incidentDate(p) {
    var start = p.date_start, end = p.date_end || p.date_start;
    if (p.date_precision === "year") {
      return digits(start.slice(0, 4) === end.slice(0, 4) ? start.slice(0, 4) : start.slice(0, 4) + "–" + end.slice(0, 4));
    }
    if (p.date_precision === "month") {
      var first = formatDay(start, MONTH), last = formatDay(end, MONTH);
      return first === last ? first : first + " – " + last;
    }
    if (p.date_precision === "week") return _("week of %(day)s", { day: formatDay(start) });
    if (start === end) return formatDay(start);
    if (start.slice(0, 7) === end.slice(0, 7)) return digits(Number(start.slice(8, 10))) + "–" + formatDay(end);
    return formatDay(start) + " – " + formatDay(end);
  }

  /* ---- state <-> URL ---------------------------------------------------- */

  function readState(search, config) {
    var params = new URLSearchParams(search);
    var state = { view: null, date: config.defaultDate, filters: {}, hidden: [], base: "local" };
    var view = (params.get("map") || "").split("/").map(Number);
    if (view.length === 3 && view.every(isFinite) && Math.abs(view[1]) <= 90 && Math.abs(view[2]) <= 180) {
      state.view = { zoom: Math.round(view[0]), lat: view[1], lng: view[2] };
    }
    if (parseDay(params.get("date")) !== null) state.date = params.get("date");
    FILTERS.forEach(function (name) {
      var value = params.getAll(name).map(function (v) { return v.trim(); }).filter(Boolean).join(",");
      if (value) state.filters[name] = value;
    });
    state.hidden = (params.get("hide") || "").split(",").filter(Boolean);
    if (params.get("base") === "osm") state.base = "osm";
    return state;
  }

  function filterQuery(filters) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (filters[name]) params.set(name, filters[name]); });
    return params.toString();
  }

  /* ---- the map ----------------------------------------------------------- */

  function init(map) {
    var el = map.getContainer();
    var config = JSON.parse($("map-config").textContent);
    var state = readState(window.location.search, config);
    var periods = config.periods.map(function (p) {
      return { from: parseDay(p.from), to: p.to ? parseDay(p.to) : parseDay(p.from) + 3650 * DAY_MS };
    });
    var ui = {
      status: $("map-status"), zoneLine: $("map-zone-line"), error: $("map-error"),
      zoneStatus: $("zone-status"), date: $("control-date"), slider: $("control-slider"),
      play: $("control-play"), form: $("incident-filters"), reset: $("filters-reset"),
      tableLink: $("table-link"), toggle: $("panel-toggle"), layout: el.closest(".map-layout"),
    };

    // Legend colours come as data attributes: style attributes in the markup
    // would need 'unsafe-inline' in the Content-Security-Policy.
    document.querySelectorAll(".swatch[data-colour]").forEach(function (swatch) {
      swatch.style.setProperty("--swatch", swatch.dataset.colour);
    });

    // Dataset credits (e.g. UCDP GED, CC BY 4.0) in the attribution control; built
    // as elements so that no text from the page is read as markup.
    (config.credits || []).forEach(function (credit) {
      var link = document.createElement("a");
      link.href = credit.url;
      link.rel = "noopener noreferrer";
      link.textContent = credit.text;
      map.attributionControl.addAttribution(link.outerHTML);
    });

    if (state.view) map.setView([state.view.lat, state.view.lng], state.view.zoom, { animate: false });

    /* Panes: basemap 250 (basemap.js), zones 400, areas 410, uncertainty 420, markers 600.
       The discs' fills go in panes of their own, filled solid and made translucent as a
       whole: where dozens of discs overlap (UCDP puts many events on one district's
       centre) the tint stays that of one disc and the control zones stay readable. */
    map.createPane("zones").style.zIndex = 400;
    fillPane("area-fills", 405, 0.1);
    map.createPane("areas").style.zIndex = 410;
    fillPane("uncertainty-fills", 415, 0.08);
    map.createPane("uncertainty").style.zIndex = 420;
    function fillPane(name, z, opacity) {
      var pane = map.createPane(name);
      pane.style.zIndex = z;
      pane.style.opacity = opacity;
      pane.style.pointerEvents = "none";
    }

    // Base maps: the local basemap works offline; OpenStreetMap is optional.
    var basemap = L.layerGroup().addTo(map);
    window.conflictBasemap.draw(map, el.dataset.basemapUrl, basemap, { lang: i18n.lang }).then(function () {
      el.dataset.basemapDrawn = "1"; // screenshots (make bench) wait for it
    }).catch(function (err) {
      showError(_("The local basemap could not be loaded (%(error)s).", { error: err.message }), true);
    });
    var osm = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18, attribution: _("© OpenStreetMap contributors"),
    });
    var osmFailed = false;
    osm.on("tileerror", function () {
      if (osmFailed || state.base !== "osm") return;
      osmFailed = true;
      setBase("local", true);
      showError(_("OpenStreetMap tiles could not be loaded (offline?); back to the local basemap."), true);
    });

    var zoneGroups = {};
    config.actors.forEach(function (actor) { zoneGroups[actor.slug] = L.featureGroup(); });
    var uncertainty = L.layerGroup();
    var areas = L.layerGroup();
    // Clusters come from the server (clusters.js); they, the single incidents and
    // the stacks are drawn by one light layer (incident_layer.js), the area
    // incidents into `areas`. The "incidents" checkbox shows or hides both.
    var dots = window.conflictIncidentLayer.layer(map);
    var incidentLayer = L.layerGroup([areas]);
    incidentLayer.on("add", function () { dots.setVisible(true); });
    incidentLayer.on("remove", function () { dots.setVisible(false); });
    var overlays = { incidents: incidentLayer, uncertainty: uncertainty };
    Object.keys(zoneGroups).forEach(function (slug) { overlays[slug] = zoneGroups[slug]; });

    // An answer that arrives fine clears the error of an earlier request, but not
    // a notice about the base map (``sticky``): that one stays until another error.
    var errorSticky = false;
    function showError(message, sticky) {
      if (!message && errorSticky) return;
      errorSticky = Boolean(message && sticky);
      ui.error.textContent = message;
      ui.error.hidden = !message;
    }

    /* ---- URL ---- */
    function stateQuery() {
      var params = new URLSearchParams();
      var c = map.getCenter();
      params.set("map", map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4));
      params.set("date", state.date);
      FILTERS.forEach(function (name) { if (state.filters[name]) params.set(name, state.filters[name]); });
      if (state.hidden.length) params.set("hide", state.hidden.join(","));
      if (state.base !== "local") params.set("base", state.base);
      return params.toString().replace(/%2F/g, "/").replace(/%2C/g, ",");
    }

    function syncUrl(push) {
      var url = window.location.pathname + "?" + stateQuery();
      if (url === window.location.pathname + window.location.search) return;
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }

    /* ---- controls <-> state ---- */
    function layerInputs() { return document.querySelectorAll('input[name="layer"]'); }

    function stateToControls() {
      ui.date.value = state.date;
      setSlider(state.date);
      var f = ui.form.elements;
      f.q.value = state.filters.q || "";
      f.from.value = state.filters.from || "";
      f.to.value = state.filters.to || "";
      f.actor.value = state.filters.actor || "";
      f.role.value = state.filters.role || "";
      f.min_fatalities.value = state.filters.min_fatalities || "";
      var types = (state.filters.type || "").split(",");
      ui.form.querySelectorAll('input[name="type"]').forEach(function (box) {
        box.checked = types.indexOf(box.value) !== -1;
      });
      layerInputs().forEach(function (box) { box.checked = state.hidden.indexOf(box.value) === -1; });
      document.querySelectorAll('input[name="base"]').forEach(function (radio) {
        radio.checked = radio.value === state.base;
      });
    }

    function controlsToFilters() {
      var f = ui.form.elements;
      var filters = {};
      ["q", "from", "to", "actor", "role", "min_fatalities"].forEach(function (name) {
        var value = (f[name].value || "").trim();
        if (value) filters[name] = value;
      });
      var types = [];
      ui.form.querySelectorAll('input[name="type"]:checked').forEach(function (box) { types.push(box.value); });
      if (types.length) filters.type = types.join(",");
      return filters;
    }

    function updateLinks() {
      var query = filterQuery(state.filters);
      var exportBase = el.dataset.exportUrl.replace(/\.geojson$/, "");
      document.querySelectorAll("#download-links a[data-format]").forEach(function (a) {
        a.href = exportBase + "." + a.dataset.format + (query ? "?" + query : "");
      });
      ui.tableLink.href = el.dataset.listUrl + (query ? "?" + query : "");
    }

    /* ---- layers ---- */
    function applyLayers() {
      Object.keys(overlays).forEach(function (key) {
        var visible = state.hidden.indexOf(key) === -1;
        if (visible && !map.hasLayer(overlays[key])) map.addLayer(overlays[key]);
        if (!visible && map.hasLayer(overlays[key])) map.removeLayer(overlays[key]);
      });
      drawCircles();
    }

    function setBase(base, push) {
      state.base = base;
      var useOsm = base === "osm";
      if (useOsm && !map.hasLayer(osm)) { osmFailed = false; osm.addTo(map); }
      if (!useOsm && map.hasLayer(osm)) map.removeLayer(osm);
      ["basemap", "basemap-labels"].forEach(function (name) {
        var pane = map.getPane(name);
        if (pane) pane.style.display = useOsm ? "none" : "";
      });
      if (!useOsm) window.conflictBasemap.declutter(map);
      document.querySelectorAll('input[name="base"]').forEach(function (radio) {
        radio.checked = radio.value === base;
      });
      if (push !== undefined) syncUrl(push);
    }

    /* ---- control zones through time ---- */
    var first = periods.length ? periods[0].from : null;
    var last = periods.length ? periods[periods.length - 1].to : null;
    if (first !== null) {
      ui.slider.max = String(Math.round((last - first) / DAY_MS));
    } else {
      ui.slider.disabled = true;
      ui.play.disabled = true;
    }

    function inPeriods(t) {
      return periods.some(function (p) { return p.from <= t && t <= p.to; });
    }

    function periodsText() {
      return config.periods.map(function (p) {
        return formatDay(p.from, { day: "numeric", month: "short", year: "numeric" }) + " – " +
          (p.to ? formatDay(p.to, { day: "numeric", month: "short", year: "numeric" }) : _("today"));
      }).join(_(";") + " ");
    }

    function setSlider(date) {
      var t = parseDay(date);
      if (first === null || t === null) return;
      ui.slider.value = String(Math.max(0, Math.min(Number(ui.slider.max), Math.round((t - first) / DAY_MS))));
      ui.slider.setAttribute("aria-valuetext", formatDay(date));
    }

    var zoneTicket = 0;
    function drawZones() {
      var date = state.date;
      var ticket = ++zoneTicket;
      el.dataset.zonesDate = "";
      fetch(el.dataset.zonesUrl + "?date=" + encodeURIComponent(date), { headers: { Accept: "application/geo+json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (ticket !== zoneTicket) return;
          Object.keys(zoneGroups).forEach(function (slug) { zoneGroups[slug].clearLayers(); });
          if (!res.ok) {
            showError(res.body.error || _("Control zones could not be loaded."));
            return;
          }
          res.body.features.forEach(addZone);
          var n = res.body.features.length;
          var line;
          if (n) {
            line = ngettext("Control on %(date)s: %(count)s zone (approximate outlines).",
              "Control on %(date)s: %(count)s zones (approximate outlines).", n,
              { date: formatDay(date), count: digits(n) });
          } else {
            line = _("No control zone is recorded for %(date)s. Zones exist for %(periods)s.",
              { date: formatDay(date), periods: periodsText() });
          }
          ui.zoneStatus.textContent = line;
          ui.zoneStatus.classList.toggle("warn", !n);
          ui.zoneLine.textContent = n ? _("Control: %(date)s", { date: formatDay(date) })
            : _("No control zones on %(date)s", { date: formatDay(date) });
          ui.zoneLine.classList.toggle("warn", !n);
          el.dataset.zonesDate = date;
        })
        .catch(function (err) {
          if (ticket === zoneTicket) showError(_("Control zones could not be loaded (%(error)s).", { error: err.message }));
        });
    }

    function addZone(feature) {
      var p = feature.properties;
      var slug = cssToken(p.actor);
      if (!zoneGroups[slug]) {
        // An actor without a checkbox (zones added since the page loaded): still drawn.
        zoneGroups[slug] = L.featureGroup().addTo(map);
        overlays[slug] = zoneGroups[slug];
      }
      var contested = p.state === "contested";
      var layer = L.geoJSON(feature, {
        pane: "zones",
        style: {
          color: p.colour, weight: p.approximate ? 1.5 : 2.5,
          dashArray: p.approximate ? "6 5" : null,
          fillColor: contested ? "url(#hatch-" + slug + ")" : p.colour,
          fillOpacity: contested ? 1 : (p.confidence === "low" ? 0.25 : 0.32),
          className: "zone zone-" + slug + (contested ? " contested" : "") + (p.approximate ? " approximate" : ""),
        },
      });
      var actor = config.actors.filter(function (a) { return a.slug === p.actor; })[0];
      var values = {
        actor: actor ? actor.name : p.actor_name,
        state: ZONE_STATES[p.state] || p.state,
        confidence: CONFIDENCE[p.confidence] || p.confidence,
        from: formatDay(p.valid_from, { day: "numeric", month: "short" }),
        to: p.valid_to ? formatDay(p.valid_to, { day: "numeric", month: "short", year: "numeric" }) : "…",
      };
      var tip = text("span", p.approximate
        ? _("%(actor)s: %(state)s, approximate outline, %(confidence)s confidence (%(from)s – %(to)s)", values)
        : _("%(actor)s: %(state)s, %(confidence)s confidence (%(from)s – %(to)s)", values));
      layer.bindTooltip(tip, { sticky: true });
      layer.addTo(zoneGroups[slug]);
    }

    function setControlDate(date, push) {
      if (parseDay(date) === null) return;
      state.date = date;
      ui.date.value = date;
      setSlider(date);
      timeline.setControlDate(date);
      drawZones();
      if (push !== undefined) syncUrl(push);
    }

    var playing = null;
    function nextZoneDay(t) {
      var next = t + DAY_MS;
      if (inPeriods(next)) return next;
      for (var i = 0; i < periods.length; i++) if (periods[i].from > t) return periods[i].from;
      return null;
    }
    function stopPlay() {
      if (playing) window.clearInterval(playing);
      playing = null;
      ui.play.setAttribute("aria-pressed", "false");
      ui.play.textContent = "▶ Play";
    }
    function startPlay() {
      var t = parseDay(state.date);
      if (t === null || t >= last || !inPeriods(t)) t = first - DAY_MS;
      ui.play.setAttribute("aria-pressed", "true");
      ui.play.textContent = "❚❚ Pause";
      playing = window.setInterval(function () {
        t = nextZoneDay(t);
        if (t === null) { stopPlay(); syncUrl(true); return; }
        setControlDate(isoDay(t), false);
      }, 900);
      t = nextZoneDay(t);
      if (t !== null) setControlDate(isoDay(t), false);
    }

    /* ---- incidents ---- */
    var loaded = null;
    var current = [];
    var pointsRequest = null;

    /* The padded view, widened to whole server tiles (events/clusters.py: 360 / 2^z
       degrees): the server answers per tile anyway, and nearby views then ask the
       very same URL, which the browser and the server have cached. */
    function clampedBounds(zoom) {
      var b = map.getBounds().pad(0.15);
      var size = 360 / Math.pow(2, zoom);
      var inside = size / 1000; // the far edges stay inside their tile
      return [
        Math.max(-180, Math.floor(b.getWest() / size) * size),
        Math.max(-90, Math.floor(b.getSouth() / size) * size),
        Math.min(180, (Math.floor(b.getEast() / size) + 1) * size - inside),
        Math.min(90, (Math.floor(b.getNorth() / size) + 1) * size - inside),
      ];
    }

    function loadPoints(force) {
      var key = filterQuery(state.filters);
      var zoom = map.getZoom();
      if (!force && loaded && loaded.key === key && loaded.zoom === zoom && loaded.bounds.contains(map.getBounds())) return;
      var bbox = clampedBounds(zoom);
      var query = key ? key + "&" : "";
      query += "z=" + zoom + "&bbox=" + bbox.map(function (n) { return n.toFixed(6); }).join(",");
      if (pointsRequest && pointsRequest.query === query) return; // already on its way
      if (pointsRequest) pointsRequest.abort();
      var request = new AbortController();
      request.query = query;
      pointsRequest = request;
      el.dataset.incidentsLoading = "1";
      ui.status.textContent = _("Loading incidents…");
      fetch(el.dataset.clustersUrl + "?" + query, { signal: request.signal, headers: { Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (request !== pointsRequest) return;
          pointsRequest = null;
          if (!res.ok) {
            dots.clear();
            areas.clearLayers();
            current = [];
            loaded = null;
            showError(res.body.error || _("Incidents could not be loaded."));
            ui.status.textContent = _("No incidents shown: the filters need fixing.");
          } else {
            showError("");
            loaded = { key: key, zoom: zoom, bounds: L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]) };
            var drawing = performance.now();
            renderPoints(res.body.features, res.body.total, res.body.clusters);
            el.dataset.drawMs = (performance.now() - drawing).toFixed(1); // make bench reads it
          }
          el.dataset.incidentsLoading = "";
          el.dataset.incidentCount = String(loaded ? res.body.total : 0);
        })
        .catch(function (err) {
          if (err.name === "AbortError") return;
          el.dataset.incidentsLoading = "";
          showError(_("Incidents could not be loaded (%(error)s).", { error: err.message }));
        });
    }

    /* A single incident: a disc coloured by event type, sized by the killed,
       dashed when the point is not exact. */
    function markerItem(feature) {
      var p = feature.properties;
      var c = feature.geometry.coordinates;
      var size = Math.round(14 + Math.min(Math.sqrt(p.fatalities_best || 0) * 3, 26));
      var approx = p.location_precision !== "exact";
      var className = "incident-marker type-" + cssToken(p.event_type) + (approx ? " approx" : "");
      return {
        key: "p|" + feature.id + "|" + className + "|" + size,
        lat: c[1], lng: c[0], size: size, className: className,
        title: p.title + " (" + incidentDate(p) + ")",
        data: { code: String(feature.id) },
        code: feature.id, activate: openItem,
      };
    }

    /* Several incidents on one point (UCDP places many on one town or
       governorate centre): one marker with their count, whose popup lists them. */
    function stackItem(stack, key) {
      var c = stack[0].geometry.coordinates;
      var n = stack.length;
      return {
        key: "s|" + key + "|" + n,
        lat: c[1], lng: c[0], size: n < 10 ? 26 : n < 100 ? 32 : n < 1000 ? 38 : 44,
        className: "incident-stack", label: digits(n),
        title: ngettext("%(count)s incident at this point: open the list", "%(count)s incidents at this point: open the list", n, { count: digits(n) }),
        data: { stack: String(n) },
        stack: stack, activate: openItem,
      };
    }

    /* Below CLUSTER_UNTIL_ZOOM, the single incidents and stacks the server sent
       (from tiles holding few) that would overlap on screen are grouped, as
       Leaflet.markercluster did: by CLUSTER_RADIUS-pixel cells of the zoom's
       world pixels (stable while panning); a group zooms in to its members. */
    function grouped(items, zoom) {
      if (zoom >= CLUSTER_UNTIL_ZOOM) return items;
      var cells = new Map();
      items.forEach(function (item) {
        var p = map.project([item.lat, item.lng], zoom);
        var key = Math.floor(p.x / CLUSTER_RADIUS) + "," + Math.floor(p.y / CLUSTER_RADIUS);
        var cell = cells.get(key);
        if (!cell) cells.set(key, cell = []);
        cell.push(item);
      });
      var out = [];
      cells.forEach(function (members, key) {
        if (members.length === 1) { out.push(members[0]); return; }
        var n = 0, lat = 0, lng = 0;
        members.forEach(function (m) {
          var k = m.stack ? m.stack.length : 1;
          n += k; lat += m.lat * k; lng += m.lng * k;
        });
        out.push({
          key: "g|" + zoom + "|" + key + "|" + n,
          lat: lat / n, lng: lng / n, size: n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52,
          className: "incident-cluster", label: digits(n),
          title: ngettext("%(count)s incident here: zoom in", "%(count)s incidents here: zoom in", n, { count: digits(n) }),
          data: { count: String(n) },
          activate: function () {
            var bounds = L.latLngBounds(members.map(function (m) { return [m.lat, m.lng]; }));
            var target = Math.min(Math.max(map.getBoundsZoom(bounds), map.getZoom() + 1), map.getMaxZoom() || 18);
            map.setView(bounds.getCenter(), target);
          },
        });
      });
      return out;
    }

    /* An area incident (or several on one area centre): a disc of the uncertainty
       radius in the areas pane and a handle with the count at its centre. */
    function areaFor(stack) {
      var p = stack[0].properties;
      var c = stack[0].geometry.coordinates;
      var radius = 0;
      stack.forEach(function (f) {
        var fp = f.properties;
        radius = Math.max(radius, fp.uncertainty_m || AREA_PRECISIONS[fp.location_precision] || 0);
      });
      var precision = cssToken(p.location_precision);
      if (precision !== "country") {  // a country-wide disc would tint the whole map
        L.circle([c[1], c[0]], {
          radius: radius, pane: "area-fills", interactive: false, className: "incident-area-fill",
          stroke: false, fillColor: "#7d4bb0", fillOpacity: 1,
        }).addTo(areas);
      }
      L.circle([c[1], c[0]], {
        radius: radius, pane: "areas", interactive: false,
        className: "incident-area precision-" + precision,
        color: "#5b2a86", weight: 1, opacity: 0.6, dashArray: "2 5", fill: false,
      }).addTo(areas);
      var n = stack.length;
      var label = ngettext("%(count)s incident known only to the %(precision)s (within %(km)s km)",
        "%(count)s incidents known only to the %(precision)s (within %(km)s km)", n,
        { count: digits(n), precision: PRECISIONS[p.location_precision] || p.location_precision, km: digits(Math.round(radius / 1000)) });
      var handle = L.marker([c[1], c[0]], {
        icon: L.divIcon({ className: "incident-area-handle precision-" + precision, iconSize: null, html: "" }),
        title: n === 1 ? p.title + " (" + incidentDate(p) + "): " + label : label,
        keyboard: true, riseOnHover: true,
      });
      if (n === 1) handle.code = stack[0].id; else handle.stack = stack;
      handle.areaLabel = label;
      handle.on("add", function () {
        var icon = handle.getElement();
        icon.textContent = String(n);
        icon.dataset.stack = String(n);
        if (handle.code) icon.dataset.code = handle.code;
      });
      function open() {
        openItem({ lat: c[1], lng: c[0], size: 20, code: handle.code, stack: handle.stack, areaLabel: label });
      }
      handle.on("click", open);
      handle.on("keypress", function (e) {
        if (e.originalEvent.key === "Enter" || e.originalEvent.key === " ") open();
      });
      handle.addTo(areas);
    }

    // One popup for the incident layer, filled when a marker is clicked (or
    // activated with Enter), rather than one popup object per marker.
    var popup = L.popup({ maxWidth: 360, minWidth: 240 });
    function openIncident(latlng, code, offset, back) {
      popup.setLatLng(latlng).setContent(text("p", "Loading…", "popup-loading"));
      popup.options.offset = L.point(0, -Math.round(offset / 2));
      popup.openOn(map);
      loadPopup(popup, code, back);
    }

    /* A marker's item (or an area handle's): its popup or its stack's list. */
    function openItem(item) {
      var target = { latlng: L.latLng(item.lat, item.lng), stack: item.stack, areaLabel: item.areaLabel };
      if (item.stack) openStack(target, item.size);
      else openIncident(target.latlng, item.code, item.size);
    }

    /* The list of the incidents stacked on one point, newest first, a page at a
       time; each opens that incident's popup (with a way back to the list). */
    function openStack(layer, offset) {
      var stack = layer.stack.slice().sort(function (a, b) {
        var pa = a.properties, pb = b.properties;
        return pa.date_start < pb.date_start ? 1 : pa.date_start > pb.date_start ? -1 : 0;
      });
      var box = document.createElement("div");
      box.className = "stack-popup";
      box.appendChild(text("h3", ngettext("%(count)s incident at this point", "%(count)s incidents at this point",
        stack.length, { count: digits(stack.length) })));
      box.appendChild(text("p", layer.areaLabel ||
        _("Sources place these incidents on the same coordinates; pick one."), "meta"));
      var list = document.createElement("ol");
      list.className = "stack-list";
      box.appendChild(list);
      var more = text("button", "", "stack-more");
      more.type = "button";
      box.appendChild(more);
      var shown = 0;
      function showPage() {
        stack.slice(shown, shown + LIST_PAGE).forEach(function (f) {
          var p = f.properties;
          var item = document.createElement("li");
          var button = text("button", "", "stack-item");
          button.type = "button";
          button.dataset.code = f.id;
          button.appendChild(text("span", incidentDate(p), "stack-date"));
          var title = text("span", p.title, "stack-title");
          title.dir = "auto";
          button.appendChild(title);
          if (p.fatalities_best) button.appendChild(text("span", _("%(count)s killed", { count: digits(p.fatalities_best) }), "stack-toll"));
          button.addEventListener("click", function (e) {
            // The list is replaced under this button: the map would no longer see
            // the click came from inside the popup, and close it.
            L.DomEvent.stopPropagation(e);
            openIncident(layer.latlng, f.id, offset, function () { openStack(layer, offset); });
          });
          item.appendChild(button);
          list.appendChild(item);
        });
        shown = Math.min(stack.length, shown + LIST_PAGE);
        more.hidden = shown >= stack.length;
        more.textContent = _("Show %(more)s more (%(shown)s of %(total)s shown)", {
          more: digits(Math.min(LIST_PAGE, stack.length - shown)), shown: digits(shown), total: digits(stack.length),
        });
      }
      more.addEventListener("click", showPage);
      showPage();
      popup.options.offset = L.point(0, -Math.round(offset / 2));
      popup.setLatLng(layer.latlng).setContent(box).openOn(map);
    }

    /* ``back``: the incident was picked from a stack's list; offer the way back. */
    function loadPopup(popup, code, back) {
      var url = el.dataset.popupUrl.replace("__code__", encodeURIComponent(code));
      fetch(url, { headers: { Accept: "text/html" } })
        .then(function (r) {
          if (!r.ok) throw new Error("answered " + r.status);
          return r.text();
        })
        .then(function (html) {
          if (!popup.isOpen()) return;
          if (back) {
            var box = document.createElement("div");
            var button = text("button", (i18n.rtl ? "→ " : "← ") + _("All incidents at this point"), "stack-back");
            button.type = "button";
            button.addEventListener("click", function (e) { L.DomEvent.stopPropagation(e); back(); });
            var body = document.createElement("div");
            body.innerHTML = html;  // server-rendered, escaped
            box.appendChild(button);
            box.appendChild(body);
            popup.setContent(box);
          } else {
            popup.setContent(html);  // server-rendered, escaped
          }
          popup.update();
        })
        .catch(function (err) { popup.setContent(text("p", _("This incident could not be loaded (%(error)s).", { error: err.message }))); });
    }

    /* Group the features by point, areas apart from points: a point with one
       incident is its marker, with several a stack; area incidents are discs.
       `total` counts the server's clusters too. */
    function renderPoints(features, total, clusters) {
      areas.clearLayers();
      current = features;
      var groups = {};
      var order = [];
      features.forEach(function (f) {
        var c = f.geometry.coordinates;
        var area = Object.prototype.hasOwnProperty.call(AREA_PRECISIONS, f.properties.location_precision);
        var key = (area ? "a|" : "p|") + c[0].toFixed(5) + "," + c[1].toFixed(5);
        if (!groups[key]) { groups[key] = []; order.push(key); }
        groups[key].push(f);
      });
      var items = [];
      order.forEach(function (key) {
        var stack = groups[key];
        if (key.charAt(0) === "a") areaFor(stack);
        else items.push(stack.length === 1 ? markerItem(stack[0]) : stackItem(stack, key));
      });
      var zoom = map.getZoom();
      dots.render(window.conflictClusters.items(map, clusters, map.getMaxZoom() || 18).concat(grouped(items, zoom)));
      var n = total;
      var filtered = Object.keys(state.filters).length > 0;
      var count = digits(n.toLocaleString("en-GB"));
      if (!n) ui.status.textContent = filtered ? _("No incident matches the filters in this area.") : _("No incident in this area.");
      else if (filtered) ui.status.textContent = ngettext("%(count)s incident matches the filters in this area.", "%(count)s incidents match the filters in this area.", n, { count: count });
      else ui.status.textContent = ngettext("%(count)s incident in this area.", "%(count)s incidents in this area.", n, { count: count });
      drawCircles();
    }

    /* The uncertainty circles of the incidents in (and near) view, kept between
       moves by incident: a pan only adds the circles that came into view. */
    var circles = new Map(); // key -> L.circle
    function drawCircles() {
      if (!map.hasLayer(uncertainty) || map.getZoom() < CIRCLE_MIN_ZOOM) {
        if (circles.size) { uncertainty.clearLayers(); circles.clear(); }
        return;
      }
      var view = map.getBounds().pad(0.25);
      var wanted = new Map();
      for (var i = 0; i < current.length && wanted.size < CIRCLE_MAX; i++) {
        var p = current[i].properties;
        if (AREA_PRECISIONS[p.location_precision]) continue;  // drawn as an area already
        var radius = p.uncertainty_m || NOMINAL_RADIUS[p.location_precision] || 0;
        if (!radius) continue;
        var c = current[i].geometry.coordinates;
        if (!view.contains([c[1], c[0]])) continue;
        wanted.set(current[i].id + "|" + c[0] + "," + c[1] + "|" + radius, [c[1], c[0], radius]);
      }
      circles.forEach(function (circle, key) {
        if (!wanted.has(key)) { uncertainty.removeLayer(circle); circles.delete(key); }
      });
      wanted.forEach(function (spec, key) {
        if (circles.has(key)) return;
        var circle = L.featureGroup([
          L.circle([spec[0], spec[1]], {
            radius: spec[2], pane: "uncertainty-fills", interactive: false, className: "uncertainty-fill",
            stroke: false, fillColor: "#b00020", fillOpacity: 1,
          }),
          L.circle([spec[0], spec[1]], {
            radius: spec[2], pane: "uncertainty", interactive: false, className: "uncertainty-circle",
            color: "#7a1020", weight: 1, opacity: 0.7, dashArray: "4 4", fill: false,
          }),
        ]).addTo(uncertainty);
        circles.set(key, circle);
      });
    }

    /* ---- the timeline under the map (timeline.js) ---- */
    var timeline = window.conflictTimeline.create($("timeline"), {
      onBrush: function (from, to) {
        ui.form.elements.from.value = from;
        ui.form.elements.to.value = to;
        filtersChanged();
      },
    });
    var timelineWait = null;
    function loadTimeline() {
      // The current filters and view, without the date range (shown as a band).
      var filters = Object.assign({}, state.filters);
      delete filters.from;
      delete filters.to;
      var b = map.getBounds();
      var bbox = [
        Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()),
        Math.min(180, b.getEast()), Math.min(90, b.getNorth()),
      ].map(function (n) { return n.toFixed(3); }).join(",");
      var query = filterQuery(filters);
      timeline.setRange(state.filters.from, state.filters.to);
      timeline.setControlDate(state.date);
      timeline.load(el.dataset.timelineUrl + "?" + (query ? query + "&" : "") + "bbox=" + bbox);
    }
    /* The map first: the timeline is asked for once the view's incidents are
       drawn (and the view has rested 250 ms), so its query never delays them. */
    function scheduleTimeline() {
      window.clearTimeout(timelineWait);
      timelineWait = window.setTimeout(function afterPoints() {
        if (el.dataset.incidentsLoading === "1") timelineWait = window.setTimeout(afterPoints, 50);
        else loadTimeline();
      }, 250);
    }
    $("timeline-all-dates").addEventListener("click", function () {
      ui.form.elements.from.value = "";
      ui.form.elements.to.value = "";
      filtersChanged();
    });

    /* ---- wiring ---- */
    stateToControls();
    applyLayers();
    setBase(state.base);
    updateLinks();
    drawZones();
    loadPoints(true);
    scheduleTimeline();

    // A new zoom is known at "zoom", before Leaflet re-projects the base map and
    // the zones (its "zoomend" work): ask for the incidents first, in parallel.
    map.on("zoom", function () { loadPoints(false); });
    map.on("moveend", function () {
      syncUrl(false);
      loadPoints(false);
      drawCircles();
      scheduleTimeline();
    });

    function filtersChanged() {
      state.filters = controlsToFilters();
      updateLinks();
      syncUrl(true);
      loadPoints(true);
      scheduleTimeline();
    }
    var typing = null;
    ui.form.addEventListener("submit", function (e) { e.preventDefault(); window.clearTimeout(typing); filtersChanged(); });
    ui.form.addEventListener("change", function (e) {
      if (e.target.name === "q") return;
      filtersChanged();
    });
    ui.form.elements.q.addEventListener("input", function () {
      window.clearTimeout(typing);
      typing = window.setTimeout(filtersChanged, 400);
    });
    ui.reset.addEventListener("click", function (e) {
      e.preventDefault();
      state.filters = {};
      stateToControls();
      filtersChanged();
    });

    ui.date.addEventListener("change", function () { stopPlay(); setControlDate(ui.date.value, true); });
    var sliding = null;
    ui.slider.addEventListener("input", function () {
      stopPlay();
      var date = isoDay(first + Number(ui.slider.value) * DAY_MS);
      state.date = date;
      ui.date.value = date;
      ui.slider.setAttribute("aria-valuetext", formatDay(date));
      timeline.setControlDate(date);
      window.clearTimeout(sliding);
      sliding = window.setTimeout(drawZones, 120);
    });
    ui.slider.addEventListener("change", function () { syncUrl(true); });
    ui.play.addEventListener("click", function () { if (playing) { stopPlay(); syncUrl(true); } else startPlay(); });

    layerInputs().forEach(function (box) {
      box.addEventListener("change", function () {
        state.hidden = [];
        layerInputs().forEach(function (b) { if (!b.checked) state.hidden.push(b.value); });
        applyLayers();
        syncUrl(true);
      });
    });
    document.querySelectorAll('input[name="base"]').forEach(function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) setBase(radio.value, true); });
    });

    function setPanel(open) {
      ui.toggle.setAttribute("aria-expanded", open ? "true" : "false");
      ui.layout.classList.toggle("panel-closed", !open);
      map.invalidateSize();
      timeline.resize();
    }
    ui.toggle.addEventListener("click", function () {
      setPanel(ui.toggle.getAttribute("aria-expanded") !== "true");
    });
    if (window.matchMedia("(max-width: 700px)").matches) setPanel(false);

    window.addEventListener("popstate", function () {
      stopPlay();
      state = readState(window.location.search, config);
      stateToControls();
      applyLayers();
      setBase(state.base);
      updateLinks();
      drawZones();
      if (state.view) map.setView([state.view.lat, state.view.lng], state.view.zoom, { animate: false });
      loadPoints(true);
      scheduleTimeline();
    });
  }

  window.conflictMap = { init: init };
})();
