/* conflictmap: the local (offline) basemap, drawn from /api/basemap.geojson:
 * governorate outlines, rivers and lakes, towns. Labels are set as text, never
 * as HTML. Shared by the map page, the incident page, the admin maps and the
 * offline HTML export (which embeds the data and calls render). Label styles:
 * css/basemap.css. */
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

  /* Place labels by map, cities first: what declutter works through. */
  var labelsByMap = new WeakMap();

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  /* Hide the place labels that would overlap one already shown (cities first,
   * then in data order), so none is drawn over another. Boxes come from the map's
   * geometry (anchor point, label size), not from the DOM position, which lags
   * behind during zoom animations. Labels the zoom CSS hides, or on a hidden
   * pane, take no room. Run on render and after each zoom. */
  function declutter(map) {
    var labels = (labelsByMap.get(map) || []).filter(function (tooltip) {
      return tooltip.getElement() && tooltip.getLatLng();
    });
    // A label's size follows only its text and the map's zoom classes: measured
    // once per set of classes (one layout for all labels), not after every zoom.
    var pane = map.getPane("basemap-labels");
    var classes = map.getContainer().className + (pane && pane.style.display === "none" ? "|off" : "");
    var unmeasured = labels.filter(function (tooltip) {
      return !tooltip._sizes || !tooltip._sizes[classes];
    });
    if (unmeasured.length) {
      // Reads only (a hidden clash keeps its size): one layout for all labels.
      unmeasured.forEach(function (tooltip) {
        var el = tooltip.getElement();
        tooltip._sizes = tooltip._sizes || {};
        tooltip._sizes[classes] = [el.offsetWidth, el.offsetHeight];
      });
    }
    var shown = [];
    labels.forEach(function (tooltip) {
      var size = tooltip._sizes[classes];
      var width = size[0], height = size[1];
      var clash = false;
      if (width && height) {
        var anchor = map.latLngToContainerPoint(tooltip.getLatLng());
        var box = {
          left: anchor.x, right: anchor.x + width + 4,
          top: anchor.y - height / 2, bottom: anchor.y + height / 2,
        };
        clash = shown.some(function (other) { return overlaps(box, other); });
        if (!clash) shown.push(box);
      }
      var el = tooltip.getElement();
      if (el.classList.contains("label-clash") !== clash) el.classList.toggle("label-clash", clash);
    });
  }

  /* A place label, right of its point (left of it in Arabic). Leaflet's tooltip measures its
   * element (offsetHeight) every time it is placed, which with hundreds of labels
   * forces one layout each after every zoom; the height is measured once per
   * kind of label instead. */
  var labelHeights = {};
  /* Made on first use: this file may load before Leaflet (the admin's forms). */
  var PlaceLabel = null;
  function placeLabel(content) {
    if (!PlaceLabel) PlaceLabel = L.Tooltip.extend(placeLabelMethods);
    return new PlaceLabel().setContent(content);
  }
  var placeLabelMethods = {
    _setPosition: function (pos) {
      var el = this._container;
      // One line of text: its height follows the rank (major, minor), whether it
      // has Arabic script, and the map's zoom classes; shared by all such labels.
      var key = this._map.getContainer().className + "|" + this.options.className + "|" +
        (el.querySelector("[lang]") ? "ar" : "");
      if (!labelHeights[key]) labelHeights[key] = el.offsetHeight;
      var offset = L.point(this.options.offset);
      var at = pos.subtract(L.point(0, labelHeights[key] / 2, true)).add(offset).add(this._getAnchor());
      // Placed with left/top, not Leaflet's 3D transform: that would make each of
      // the hundreds of labels a compositing layer of its own, slow to pan and zoom.
      el._leaflet_pos = at;
      el.style.left = Math.round(at.x) + "px";
      el.style.top = Math.round(at.y) + "px";
      if (this.options.direction === "left") {
        // Left of the dot (Arabic): the label's own width, by CSS, not measured.
        L.DomUtil.addClass(el, "leaflet-tooltip-left");
        el.style.transform = "translateX(-100%)";
        return;
      }
      L.DomUtil.addClass(el, "leaflet-tooltip-right");
    },
  };

  /* A label centred on its point (a river's name): placed with left/top and
   * centred by CSS, where Leaflet's tooltip measures its element (a layout per
   * label after every zoom) and moves it with a 3D transform. */
  var CentredLabel = null;
  function centredLabel(content) {
    if (!CentredLabel) {
      CentredLabel = L.Tooltip.extend({
        _setPosition: function (pos) {
          var el = this._container;
          L.DomUtil.addClass(el, "leaflet-tooltip-center");
          el._leaflet_pos = pos;
          el.style.left = Math.round(pos.x) + "px";
          el.style.top = Math.round(pos.y) + "px";
          el.style.transform = "translate(-50%, -50%)";
        },
      });
    }
    return new CentredLabel().setContent(content);
  }

  /* Draw the basemap collection `data` into `group` (a layer group on `map`). */
  /* Right to left (<html dir="rtl">): Leaflet's controls move to the other side,
     the zoom buttons to the top right and the attribution to the bottom left. */
  function mirrorControls(map) {
    if (document.documentElement.dir !== "rtl") return;
    if (map.zoomControl) map.zoomControl.setPosition("topright");
    if (map.attributionControl) map.attributionControl.setPosition("bottomleft");
  }

  /* Labels in the page's language: in Arabic the Arabic name (the Latin one on
     hover) and labels set to the left of their dot; else the Latin name with the
     Arabic beside it. ``options.lang`` or <html lang>. */
  function render(map, data, group, options) {
    var lang = ((options && options.lang) || document.documentElement.lang || "en").slice(0, 2);
    var arabic = lang === "ar";
    mirrorControls(map);
    if (!map.getPane("basemap")) map.createPane("basemap").style.zIndex = 250;
    if (!map.getPane("basemap-labels")) map.createPane("basemap-labels").style.zIndex = 260;
    trackZoom(map);
    var majors = [], minors = [];
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
          var label;
          if (arabic && p.name_ar) {
            label = textElement("span", p.name_ar);
            label.lang = "ar";
            label.dir = "rtl";
            label.title = p.name;
          } else label = textElement("span", p.name);
          if (p.name_ar && !arabic) {
            label.appendChild(document.createTextNode(" "));
            var ar = textElement("span", p.name_ar);
            ar.lang = "ar";
            ar.dir = "rtl";
            label.appendChild(ar);
          }
          // Right of the dot (PlaceLabel, height measured once per kind); in Arabic, left of it.
          marker.bindTooltip(placeLabel(label), {
            permanent: true, direction: arabic ? "left" : "right", offset: [arabic ? -4 : 4, 0], interactive: false,
            className: "place-label " + (major ? "major" : "minor"), pane: "basemap-labels",
          });
          (major ? majors : minors).push(marker.getTooltip());
          return marker;
        },
        onEachFeature: function (f, layer) {
          if (f.properties.layer === "river" && f.properties.name) {
            var riverName = arabic && f.properties.name_ar ? f.properties.name_ar : f.properties.name;
            layer.bindTooltip(centredLabel(textElement("span", riverName)), {
              permanent: true, direction: "center", className: "river-label",
              interactive: false, pane: "basemap-labels",
            });
          }
        },
      }).addTo(group);
    });
    labelsByMap.set(map, (labelsByMap.get(map) || []).concat(majors, minors));
    if (!map.listens("zoomend", onZoomEnd)) map.on("zoomend", onZoomEnd);
    group.on("add", function () { declutter(map); });
    declutter(map);
    return data;
  }

  function onZoomEnd(event) { declutter(event.target); }

  /* Fetched once per URL, however many maps a page has. */
  var fetched = {};

  function draw(map, url, group, options) {
    mirrorControls(map);
    if (!fetched[url]) {
      fetched[url] = fetch(url, {
        headers: { Accept: "application/geo+json" }, credentials: "same-origin",
      }).then(function (r) {
        if (!r.ok) throw new Error("basemap answered " + r.status);
        return r.json();
      });
    }
    return fetched[url].then(function (data) { return render(map, data, group, options); });
  }

  window.conflictBasemap = {
    draw: draw, render: render, declutter: declutter, textElement: textElement,
  };
})();
