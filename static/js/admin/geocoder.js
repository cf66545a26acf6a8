/* conflictmap admin: the geocoding step on the incident form.
 * Typing a place name lists ranked matches from /api/geocode; picking one sets the
 * place, the point on the map widget, the location precision, the uncertainty
 * radius and the location method in one step. All texts are set as text. */
(function () {
  "use strict";

  // Strings through the admin's JS catalogue (admin:jsi18n carries ours too).
  function _(message, values) {
    var s = window.gettext ? window.gettext(message) : message;
    return values ? s.replace(/%\((\w+)\)s/g, function (m, key) { return String(values[key]); }) : s;
  }
  function ngettext(singular, plural, n, values) {
    return _(window.ngettext ? window.ngettext(singular, plural, n) : (n === 1 ? singular : plural), values);
  }

  var geomField = null;
  var geomMap = null;
  var radiusCircle = null;

  window.addEventListener("map:init", function (event) {
    var map = event.detail.map;
    map.on("map:loadfield", function (e) {
      if (e.fieldid !== "id_geom") return;
      geomField = e.field;
      geomMap = map;
      map.on("draw:created draw:edited draw:deleted", function () { setTimeout(drawRadius, 0); });
      drawRadius();
    });
  });

  function byId(id) { return document.getElementById(id); }

  function currentPoint() {
    if (!geomField) return null;
    var layers = geomField.drawnItems.getLayers();
    return layers.length && layers[0].getLatLng ? layers[0].getLatLng() : null;
  }

  function drawRadius() {
    if (!geomMap) return;
    if (radiusCircle) { geomMap.removeLayer(radiusCircle); radiusCircle = null; }
    var point = currentPoint();
    var input = byId("id_uncertainty_m");
    var metres = input ? parseInt(input.value, 10) : NaN;
    if (point && metres > 0) {
      radiusCircle = L.circle(point, {
        radius: metres, color: "#b00020", weight: 1, dashArray: "4 4", fillOpacity: 0.08, interactive: false,
      }).addTo(geomMap);
    }
  }

  function setValue(id, value) {
    var input = byId(id);
    if (!input) return;
    input.value = value === null || value === undefined ? "" : String(value);
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function capitalise(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : ""; }

  function setPlace(result) {
    var select = byId("id_place");
    if (!select) return;
    var value = String(result.place_id);
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
    if (!option) {
      option = new Option(result.name + " (" + capitalise(result.kind) + ")", value, true, true);
      select.appendChild(option);
    }
    select.value = value;
    if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
    else select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function setPoint(lat, lon) {
    if (!geomField || !geomMap) return false;
    geomField.drawnItems.clearLayers();
    geomField.drawnItems.addLayer(L.marker([lat, lon]));
    geomField.store.save(geomField.drawnItems);
    geomMap.setView([lat, lon], Math.max(geomMap.getZoom(), 11));
    return true;
  }

  function summary(result) {
    var parts = [result.name];
    if (result.name_ar) parts.push(result.name_ar);
    var where = capitalise(result.kind) + (result.parent ? " in " + result.parent : "");
    var how = result.matched_by + " match on “" + result.matched_name + "”, score " + result.score.toFixed(2);
    var located = result.lat === null ? "no coordinates known" :
      (result.resolved_via ? "placed at " + result.resolved_via + ", " : "") +
      result.precision + " precision, ±" + Math.round(result.uncertainty_m / 100) / 10 + " km";
    return { title: parts.join(" · "), detail: where + " — " + how + " — " + located };
  }

  function apply(result, query, status) {
    setPlace(result);
    if (!byId("id_reported_place_name").value.trim()) setValue("id_reported_place_name", query);
    setValue("id_location_method", "geocoded");
    if (result.lat === null || result.lon === null) {
      status.textContent = _("Place set to %(name)s, but it has no coordinates: put the point on the map by hand.", { name: result.name });
      return;
    }
    setValue("id_location_precision", result.precision);
    setValue("id_uncertainty_m", result.uncertainty_m);
    var note = byId("id_location_note");
    if (note && !note.value.trim() && result.resolved_via) {
      note.value = _("No coordinate for %(name)s in the gazetteer; placed at %(via)s with a %(radius)s m radius.",
        { name: result.name, via: result.resolved_via, radius: result.uncertainty_m });
    }
    var placed = setPoint(result.lat, result.lon);
    drawRadius();
    var values = { name: result.name, lat: result.lat, lon: result.lon, precision: result.precision, radius: result.uncertainty_m };
    status.textContent = placed
      ? _("Set place %(name)s, point %(lat)s, %(lon)s (%(precision)s, ±%(radius)s m).", values)
      : _("Set place %(name)s, point %(lat)s, %(lon)s (%(precision)s, ±%(radius)s m); the map is not ready, save and check the point.", values);
  }

  function init(input) {
    var url = input.getAttribute("data-geocode-url");
    var status = document.createElement("p");
    status.className = "geocoder-status help";
    status.setAttribute("aria-live", "polite");
    var list = document.createElement("ol");
    list.className = "geocoder-results";
    var box = document.createElement("div");
    box.className = "geocoder";
    input.parentNode.insertBefore(box, input);
    box.append(input, status, list);
    var timer = null;
    var latest = 0;

    function render(results, query) {
      list.replaceChildren();
      if (!results.length) {
        status.textContent = _("No place matches “%(query)s”. Check the spelling, or place the point by hand.", { query: query });
        return;
      }
      status.textContent = ngettext("%(count)s match: pick one.", "%(count)s matches: pick one.", results.length, { count: results.length });
      results.forEach(function (result) {
        var text = summary(result);
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "geocoder-result";
        var title = document.createElement("strong");
        title.textContent = text.title;
        var detail = document.createElement("span");
        detail.textContent = text.detail;
        button.append(title, document.createElement("br"), detail);
        button.addEventListener("click", function () {
          apply(result, query, status);
          list.replaceChildren();
        });
        item.appendChild(button);
        list.appendChild(item);
      });
    }

    function search() {
      var query = input.value.trim();
      if (query.length < 2) { list.replaceChildren(); status.textContent = ""; return; }
      var mine = ++latest;
      status.textContent = _("Searching the gazetteer…");
      fetch(url + "?limit=8&q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (answer) {
        if (mine !== latest) return;
        if (!answer.ok) { status.textContent = answer.body.error || _("The search failed."); return; }
        render(answer.body.results, query);
      }).catch(function () {
        if (mine === latest) status.textContent = _("The gazetteer could not be reached.");
      });
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 250); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); clearTimeout(timer); search(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input.geocoder-input").forEach(init);
    var radius = byId("id_uncertainty_m");
    if (radius) radius.addEventListener("input", drawRadius);
  });
})();
