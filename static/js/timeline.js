/* conflictmap: the timeline under the map, drawn with uPlot (node_modules/uplot).
 *
 * Bars: incidents per day, week or month, stacked by event type (colours from
 * site.css .type-*); a line: killed (best estimate) on its own axis. Data from
 * /api/incident-timeline.json (events/timeline.py) for the current filters and
 * view, without the date range, so the range can be widened again. Dragging
 * across the chart picks whole periods and calls onBrush(from, to); the chosen
 * range is shaded and the control date drawn as a vertical line.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;

  function parseDay(value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value || "")) return null;
    var t = Date.parse(value + "T00:00:00Z");
    return isNaN(t) ? null : t;
  }
  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }

  var colours = {};
  var i18n = window.cmI18n;
  var _ = i18n.t, ngettext = i18n.n, digits = i18n.digits;
  var BUCKETS = { day: _("day"), week: _("week"), month: _("month") };

  // Time-axis labels in the page's language (uPlot's own are English).
  var localTicks = i18n.timeTicks;

  function colourOf(type) {
    if (!colours[type]) {
      var probe = document.createElement("span");
      probe.className = "type-" + String(type).replace(/[^a-z0-9_-]/gi, "");
      probe.hidden = true;
      document.body.appendChild(probe);
      colours[type] = getComputedStyle(probe).backgroundColor || "#777";
      probe.remove();
    }
    return colours[type];
  }

  /* The end (inclusive) of the period starting at periods[i]. */
  function periodEnd(periods, i, bucket) {
    if (i + 1 < periods.length) return parseDay(periods[i + 1]) - DAY_MS;
    var start = new Date(parseDay(periods[i]));
    if (bucket === "day") return start.getTime();
    if (bucket === "week") return start.getTime() + 6 * DAY_MS;
    return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1) - DAY_MS;
  }

  function create(container, options) {
    var chartEl = container.querySelector(".timeline-chart");
    var summary = container.querySelector(".timeline-summary");
    var plot = null;
    var data = null;
    var range = { from: null, to: null };
    var controlDate = null;

    function nearestIndex(seconds) {
      var best = 0;
      var xs = plot.data[0];
      for (var i = 1; i < xs.length; i++) if (Math.abs(xs[i] - seconds) < Math.abs(xs[best] - seconds)) best = i;
      return best;
    }

    function onSelect(u) {
      if (!data || u.select.width < 4) return;
      var left = nearestIndex(u.posToVal(u.select.left, "x"));
      var right = nearestIndex(u.posToVal(u.select.left + u.select.width, "x"));
      u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      options.onBrush(data.periods[left], isoDay(periodEnd(data.periods, right, data.bucket)));
    }

    function drawMarks(u) {
      var ctx = u.ctx;
      var top = u.bbox.top;
      var height = u.bbox.height;
      ctx.save();
      var from = parseDay(range.from);
      var to = parseDay(range.to);
      if (from !== null || to !== null) {
        var x0 = from === null ? u.bbox.left : Math.max(u.bbox.left, u.valToPos(from / 1000, "x", true));
        var x1 = to === null ? u.bbox.left + u.bbox.width
          : Math.min(u.bbox.left + u.bbox.width, u.valToPos((to + DAY_MS) / 1000, "x", true));
        ctx.fillStyle = "rgba(30, 80, 160, 0.14)";
        ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
        ctx.strokeStyle = "rgba(30, 80, 160, 0.8)";
        ctx.lineWidth = 1;
        ctx.strokeRect(x0, top, Math.max(1, x1 - x0), height);
      }
      var day = parseDay(controlDate);
      if (day !== null) {
        var x = u.valToPos(day / 1000, "x", true);
        if (x >= u.bbox.left && x <= u.bbox.left + u.bbox.width) {
          ctx.strokeStyle = "#111";
          ctx.lineWidth = 2 * (window.devicePixelRatio || 1);
          ctx.setLineDash([6, 4]);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
        }
      }
      ctx.restore();
    }

    var shape = "";
    function build() {
      var xs = data.periods.map(function (p) { return parseDay(p) / 1000; });
      var cumulative = xs.map(function () { return 0; });
      var stacked = data.series.map(function (s) {
        cumulative = cumulative.map(function (c, i) { return c + s.counts[i]; });
        return cumulative.slice();
      });
      var killed = xs.map(function (_, i) {
        return data.series.reduce(function (sum, s) { return sum + s.killed[i]; }, 0);
      });
      // Stacked bars: each type's bar runs from 0 to its cumulative total; the
      // tallest is drawn first so the ones below it show on top.
      var series = [{ label: _("Period") }];
      var values = [xs];
      var bars = uPlot.paths.bars({ size: [0.9, 60] });
      for (var i = data.series.length - 1; i >= 0; i--) {
        (function (s, i) {
          series.push({
            label: s.label, scale: "n", fill: colourOf(s.type), stroke: colourOf(s.type), width: 0,
            paths: bars, points: { show: false },
            value: function (u, v, si, idx) { return idx == null ? "–" : digits(s.counts[idx].toLocaleString("en-GB")); },
          });
          values.push(stacked[i]);
        })(data.series[i], i);
      }
      series.push({
        label: _("Killed (best estimate)"), scale: "killed", stroke: "#111", width: 1.5,
        points: { show: false },
      });
      values.push(killed);
      // Same bucket and event types as drawn: new values only (no rebuild).
      var next = data.bucket + "|" + data.series.map(function (s) { return s.type; }).join(",");
      if (plot && next === shape) {
        plot.setData(values);
        container.dataset.periods = String(xs.length);
        return;
      }
      shape = next;
      var opts = {
        width: Math.max(200, chartEl.clientWidth),
        height: window.matchMedia("(max-width: 700px)").matches ? 70 : 120,
        series: series,
        scales: {
          x: {
            time: true,
            // Right to left: time runs from right to left, as the page reads.
            dir: i18n.rtl ? -1 : 1,
            // One period alone would stretch over years: show a month around it.
            range: function (u, min, max) { return min === max ? [min - 15 * 86400, max + 15 * 86400] : [min, max]; },
          },
          n: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
        axes: [
          i18n.lang === "en" ? { size: 40 } : { size: 40, values: localTicks },
          { scale: "n", size: 44, label: "", side: i18n.rtl ? 1 : 3,
            values: function (u, ticks) { return ticks.map(function (v) { return digits(v.toLocaleString("en-GB")); }); } },
          { scale: "killed", side: i18n.rtl ? 3 : 1, size: 60, grid: { show: false }, stroke: "#444",
            values: function (u, ticks) { return ticks.map(function (v) { return digits(v.toLocaleString("en-GB")); }); } },
        ],
        cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
        legend: { show: true, live: true },
        hooks: { setSelect: [onSelect], draw: [drawMarks] },
      };
      if (plot) plot.destroy();
      chartEl.textContent = "";
      plot = new uPlot(opts, values, chartEl);
      container.dataset.periods = String(xs.length);
      container.dataset.bucket = data.bucket;
    }

    var ticket = 0;
    function load(url) {
      var mine = ++ticket;
      container.dataset.loading = "1";
      return fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (mine !== ticket) return;
          container.dataset.loading = "";
          if (!res.ok) { summary.textContent = res.body.error || _("The timeline could not be loaded."); return; }
          data = res.body;
          if (!data.periods.length) {
            if (plot) { plot.destroy(); plot = null; shape = ""; }
            chartEl.textContent = "";
            summary.textContent = _("No incident in this view to draw over time.");
            return;
          }
          summary.textContent = ngettext(
            "%(count)s incident, %(killed)s killed (best estimate) per %(bucket)s in this view, by event type. Drag across the chart to set the incident dates.",
            "%(count)s incidents, %(killed)s killed (best estimate) per %(bucket)s in this view, by event type. Drag across the chart to set the incident dates.",
            data.total, {
              count: digits(data.total.toLocaleString("en-GB")),
              killed: digits(data.killed.toLocaleString("en-GB")),
              bucket: BUCKETS[data.bucket] || data.bucket,
            });
          build();
        })
        .catch(function (err) {
          if (mine !== ticket) return;
          container.dataset.loading = "";
          summary.textContent = _("The timeline could not be loaded (%(error)s).", { error: err.message });
        });
    }

    window.addEventListener("resize", function () {
      if (plot) plot.setSize({ width: Math.max(200, chartEl.clientWidth), height: plot.height });
    });

    return {
      load: load,
      setRange: function (from, to) { range = { from: from || null, to: to || null }; if (plot) plot.redraw(false); },
      setControlDate: function (date) { controlDate = date; if (plot) plot.redraw(false); },
      resize: function () { if (plot) plot.setSize({ width: Math.max(200, chartEl.clientWidth), height: plot.height }); },
    };
  }

  window.conflictTimeline = { create: create };
})();
