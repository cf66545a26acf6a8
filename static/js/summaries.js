/* conflictmap: small charts where people would rather look than read (uPlot).
 *
 * Incident page (data embedded by the page as JSON, events/summaries.py):
 *   - each source's toll side by side: killed and injured, lowest figure as a
 *     bar, a source's higher figure as a tick above it (never merged);
 *   - public incidents per month at the incident's place;
 *   - who held the point over time: one band per control zone, the incident's
 *     date as a dashed line.
 * Table page: incidents and killed per month for the table's filters, from
 * /api/incident-timeline.json (the map's timeline, cached on the server).
 * Text from the data only reaches the page as text (uPlot labels, textContent).
 */
(function () {
  "use strict";

  var i18n = window.cmI18n;
  var _ = i18n.t, digits = i18n.digits;
  // Right to left: time runs from right to left and the count axis stands on the
  // right, as the page reads (as on the map's timeline).
  var DIR = i18n.rtl ? -1 : 1;
  var START_SIDE = i18n.rtl ? 1 : 3, END_SIDE = i18n.rtl ? 3 : 1;
  var PERIOD_FORMATS = {
    day: new Intl.DateTimeFormat(i18n.locale, { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }),
    month: new Intl.DateTimeFormat(i18n.locale, { timeZone: "UTC", month: "long", year: "numeric" }),
  };
  var BUCKETS = {
    day: _("Incidents per day"),
    week: _("Incidents per week"),
    month: _("Incidents per month"),
  };

  var DAY = 86400;
  function day(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +(iso.slice(8, 10) || 1)) / 1000; }
  function width(el) { return Math.max(240, Math.min(560, el.clientWidth || 480)); }
  function whole(u, ticks) { return ticks.map(function (t) { return Number.isInteger(t) ? digits(t.toLocaleString("en-GB")) : ""; }); }
  function count(u, v) { return v == null ? "–" : digits(v.toLocaleString("en-GB")); }
  // The legend's period: its month, or the day it starts (a day's or a week's bucket).
  function period(bucket) {
    var format = PERIOD_FORMATS[bucket === "month" ? "month" : "day"];
    return function (u, v) { return v == null ? "–" : format.format(new Date(v * 1000)); };
  }
  // Month names are longer than uPlot's English abbreviations: more room per tick.
  var timeAxis = i18n.lang === "en" ? {} : { values: i18n.timeTicks, space: 90 };
  function done(el, drawn) { el.dataset.drawn = drawn ? "1" : "empty"; }

  function note(el, text) {
    var p = document.createElement("p");
    p.className = "hint";
    p.textContent = text;
    el.appendChild(p);
    done(el, false);
  }

  /* A source's name short enough to stand under its bars: an acronym in
   * brackets ("SOHR"), else its first two words; the claims table above has it
   * in full. */
  function shortName(name) {
    var plain = String(name).split(" via ")[0];
    var acronym = plain.match(/\(([A-Z][A-Za-z0-9-]{1,9})\)/);
    if (acronym) return acronym[1];
    var words = plain.split(/\s+/);
    return words.slice(0, 2).join(" ") + (words.length > 2 ? "…" : "");
  }

  function tolls(el, rows) {
    if (!rows || !rows.length) return note(el, _("No source gives a figure."));
    var xs = rows.map(function (_, i) { return i; });
    function low(name) { return rows.map(function (r) { return r[name] ? r[name][0] : null; }); }
    function high(name) {
      return rows.map(function (r) { return r[name] && r[name][1] !== null && r[name][1] !== r[name][0] ? r[name][1] : null; });
    }
    var names = rows.map(function (r) { return shortName(r.source); });
    new uPlot({
      width: Math.max(width(el), 110 * rows.length), height: 170,
      scales: { x: { time: false, dir: DIR, range: [-0.6, rows.length - 0.4] }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.15)]; } } },
      axes: [
        { values: function (u, ticks) { return ticks.map(function (t) { return Number.isInteger(t) && names[t] ? names[t] : ""; }); }, incrs: [1] },
        { values: whole, size: 40, side: START_SIDE },
      ],
      series: [
        { label: _("Source"), value: function (u, v) { return v == null ? "–" : rows[v] ? rows[v].source : ""; } },
        { label: _("Killed (lowest figure)"), value: count, fill: "#7a1020", stroke: "#7a1020", width: 0, paths: uPlot.paths.bars({ size: [0.35, 40], align: -1 }), points: { show: false } },
        { label: _("Injured (lowest figure)"), value: count, fill: "#c98a2c", stroke: "#c98a2c", width: 0, paths: uPlot.paths.bars({ size: [0.35, 40], align: 1 }), points: { show: false } },
        { label: _("Killed (highest figure)"), value: count, stroke: "#7a1020", width: 0, paths: function () { return null; }, points: { show: true, size: 9, fill: "#fff" } },
        { label: _("Injured (highest figure)"), value: count, stroke: "#c98a2c", width: 0, paths: function () { return null; }, points: { show: true, size: 9, fill: "#fff" } },
      ],
      cursor: { drag: { x: false, y: false } },
    }, [xs, low("killed"), low("injured"), high("killed"), high("injured")], el);
    done(el, true);
  }

  function months(el, rows, label, bucket) {
    if (!rows || !rows.length) return note(el, _("No public incident at this place."));
    var xs = rows.map(function (r) { return day(r[0]); });
    var series = [{ label: _("Period"), value: period(bucket) }, { label: label, value: count, fill: "#3c6e9f", stroke: "#3c6e9f", width: 0, paths: uPlot.paths.bars({ size: [0.9, 30] }), points: { show: false } }];
    var values = [xs, rows.map(function (r) { return r[1]; })];
    if (rows[0].length > 2) {
      series.push({ label: _("Killed (best estimate)"), value: count, scale: "killed", stroke: "#111", width: 1.5, points: { show: false } });
      values.push(rows.map(function (r) { return r[2]; }));
    }
    new uPlot({
      width: width(el), height: 150,
      scales: {
        // At least half a year wide, so a single month is not a slab over years.
        // (From the data itself: uPlot widens a one-point time scale to years.)
        x: { time: true, dir: DIR, range: function () {
          var min = xs[0], max = xs[xs.length - 1];
          var pad = Math.max(20 * DAY, (183 * DAY - (max - min)) / 2);
          return [min - pad, max + pad];
        } },
        y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } },
      },
      axes: [timeAxis, { values: whole, size: 40, side: START_SIDE }].concat(
        values.length > 2 ? [{ scale: "killed", side: END_SIDE, size: 50, grid: { show: false }, values: whole }] : []),
      series: series,
      cursor: { drag: { x: false, y: false } },
    }, values, el);
    done(el, true);
  }

  function holders(el, zones, incidentDate) {
    if (!zones || !zones.length) return note(el, _("No control zone on file covers this point."));
    var today = Date.now() / 1000;
    var actors = [];
    zones.forEach(function (z) { if (actors.indexOf(z.actor) < 0) actors.push(z.actor); });
    var stops = [day(incidentDate)];
    zones.forEach(function (z) { stops.push(day(z.from), z.to ? day(z.to) + DAY : today); });
    stops = stops.filter(function (v, i, all) { return all.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var series = [{}];
    var values = [stops];
    zones.forEach(function (z) {
      var lane = actors.indexOf(z.actor) + 1;
      var start = day(z.from);
      var end = z.to ? day(z.to) + DAY : today;
      series.push({
        label: z.state === "contested" ? _("%(actor)s (contested)", { actor: z.actor }) : z.actor, stroke: z.colour || "#555",
        width: 10, dash: z.state === "contested" ? [6, 4] : undefined, points: { show: false }, spanGaps: false,
      });
      values.push(stops.map(function (x) { return x >= start && x <= end ? lane : null; }));
    });
    var marked = day(incidentDate);
    new uPlot({
      width: width(el), height: 60 + 26 * actors.length,
      scales: { x: { time: true, dir: DIR }, y: { range: [0.3, actors.length + 0.7] } },
      axes: [timeAxis, { show: false }],
      series: series,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      hooks: {
        draw: [function (u) {
          var x = u.valToPos(marked, "x", true);
          var ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = "#111";
          ctx.setLineDash([5, 4]);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.restore();
        }],
      },
    }, values, el);
    done(el, true);
  }

  function incidentPage() {
    var data = JSON.parse(document.getElementById("incident-summaries").textContent);
    tolls(document.getElementById("chart-tolls"), data.tolls);
    var place = document.getElementById("chart-place");
    if (data.place) months(place, data.place.months, _("Incidents per month at %(place)s", { place: data.place.place }), "month");
    else note(place, _("The incident is not tied to a gazetteer place."));
    holders(document.getElementById("chart-holders"), data.holders, data.date);
  }

  function tablePage(el) {
    fetch(el.dataset.url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !data.periods.length) return note(el, _("No incident to chart."));
        var rows = data.periods.map(function (p, i) {
          var n = 0, killed = 0;
          data.series.forEach(function (s) { n += s.counts[i]; killed += s.killed[i]; });
          return [p, n, killed];
        });
        months(el, rows, BUCKETS[data.bucket] || BUCKETS.month, data.bucket);
      })
      .catch(function () { note(el, _("The chart could not be loaded.")); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("incident-summaries")) incidentPage();
    var table = document.getElementById("chart-table-months");
    if (table) tablePage(table);
  });
})();
