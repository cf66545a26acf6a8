/* conflictmap: a light layer for the map's incident markers (server clusters,
 * single incidents, stacks, and the few points grouped in the browser).
 *
 * Leaflet's markers (and Leaflet.markercluster over them) cost, per marker, a
 * handful of listeners, an interactive target and a 3D transform, which the
 * browser turns into one compositing layer each: at a few thousand markers a
 * pan or zoom spends most of its time there. This layer keeps one plain element
 * per marker, positioned with left/top inside one container (one layer for all),
 * listens once on that container for clicks and keys, and between two answers
 * keeps the elements whose key is still wanted, so a pan only builds what came
 * into view. Each marker stays a focusable button-like element with its title,
 * so the keyboard, screen readers and the browser's hover text work as before.
 *
 * render(items): items are {key, lat, lng, size, className, label, title,
 * data: {name: value}, activate: function}; text is only set as text.
 */
(function () {
  "use strict";

  var ANIMATE_MAX = 600;  // markers moved along a zoom animation, at most

  function layer(map, options) {
    var pane = map.getPane((options && options.pane) || "markerPane");
    var box = L.DomUtil.create("div", "incident-markers", pane);
    // The map ignores clicks that start here (no popup closing under our own).
    box._leaflet_disable_click = true;
    var shown = new Map(); // key -> {el, item}
    var visible = true;

    function place(entry) {
      var p = map.latLngToLayerPoint([entry.item.lat, entry.item.lng]);
      var half = entry.item.size / 2;
      entry.x = Math.round(p.x - half);
      entry.y = Math.round(p.y - half);
      entry.el.style.left = entry.x + "px";
      entry.el.style.top = entry.y + "px";
      if (entry.el.style.transform) entry.el.style.transform = "";
    }

    function build(item) {
      var el = document.createElement("div");
      el.className = "leaflet-marker-icon leaflet-interactive " + item.className;
      el.style.width = el.style.height = item.size + "px";
      el.tabIndex = 0;
      el.setAttribute("role", "button");
      if (item.title) {
        el.title = item.title;
        el.setAttribute("aria-label", item.title); // the name, not just the count shown
      }
      if (item.label != null) {
        var span = document.createElement("span");
        if (item.labelClass) span.className = item.labelClass;
        span.textContent = String(item.label);
        el.appendChild(span);
      }
      var data = item.data || {};
      Object.keys(data).forEach(function (name) { el.dataset[name] = data[name]; });
      el._incidentKey = item.key;
      return el;
    }

    function entryOf(target) {
      var el = target;
      while (el && el !== box) {
        if (el._incidentKey !== undefined) return shown.get(el._incidentKey);
        el = el.parentNode;
      }
      return null;
    }

    box.addEventListener("click", function (e) {
      var entry = entryOf(e.target);
      if (!entry) return;
      if (map.dragging && map.dragging.moved()) return; // the end of a drag, not a click
      entry.item.activate(entry.item, entry.el);
    });
    box.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      var entry = entryOf(e.target);
      if (!entry) return;
      e.preventDefault();
      entry.item.activate(entry.item, entry.el);
    });

    function reposition() {
      if (!visible) return;
      shown.forEach(place);
    }
    map.on("zoomend viewreset", reposition);

    /* A zoom animation moves each marker to where it will be (a CSS transition
       on a 2D translate, see map.css); with very many markers they are hidden
       for the quarter second instead. Placed for good at zoomend. */
    map.on("zoomanim", function (e) {
      if (!visible) return;
      if (shown.size > ANIMATE_MAX) {
        box.classList.add("leaflet-zoom-hide");
        return;
      }
      shown.forEach(function (entry) {
        var p = map._latLngToNewLayerPoint(L.latLng(entry.item.lat, entry.item.lng), e.zoom, e.center);
        var half = entry.item.size / 2;
        entry.el.style.transform = "translate(" + Math.round(p.x - half - entry.x) + "px," +
          Math.round(p.y - half - entry.y) + "px)";
      });
    });
    map.on("zoomend", function () { box.classList.remove("leaflet-zoom-hide"); });

    return {
      /* Draw ``items``, keeping the elements of keys already shown. */
      render: function (items) {
        var wanted = new Map();
        items.forEach(function (item) { wanted.set(item.key, item); });
        shown.forEach(function (entry, key) {
          if (!wanted.has(key)) {
            if (entry.el === document.activeElement) map.getContainer().focus({ preventScroll: true });
            box.removeChild(entry.el);
            shown.delete(key);
          }
        });
        var fragment = document.createDocumentFragment();
        var added = [];
        wanted.forEach(function (item, key) {
          var entry = shown.get(key);
          if (entry) {
            entry.item = item; // same look; new handlers and data
            return;
          }
          entry = { el: build(item), item: item };
          shown.set(key, entry);
          added.push(entry);
          fragment.appendChild(entry.el);
        });
        if (visible) added.forEach(place);
        box.appendChild(fragment);
      },
      clear: function () { this.render([]); },
      setVisible: function (on) {
        visible = on;
        box.style.display = on ? "" : "none";
        if (on) reposition();
      },
      /* The element drawn for ``key`` (tests and focus hand-over). */
      element: function (key) { var entry = shown.get(key); return entry ? entry.el : null; },
      size: function () { return shown.size; },
    };
  }

  window.conflictIncidentLayer = { layer: layer };
})();
