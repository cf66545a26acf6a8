/* conflictmap admin: the geocoding step on the incident form.
 * Typing a place name lists ranked matches from /api/geocode; picking one sets the
 * place, the point on the map widget, the location precision, the uncertainty
 * radius and the location method in one step. All texts are set as text. */
(function () {
  "use strict";

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
      status.textContent = "Place set to " + result.name + ", but it has no coordinates: put the point on the map by hand.";
      return;
    }
    setValue("id_location_precision", result.precision);
    setValue("id_uncertainty_m", result.uncertainty_m);
    var note = byId("id_location_note");
    if (note && !note.value.trim() && result.resolved_via) {
      note.value = "No coordinate for " + result.name + " in the gazetteer; placed at " +
        result.resolved_via + " with a " + result.uncertainty_m + " m radius.";
    }
    var placed = setPoint(result.lat, result.lon);
    drawRadius();
    status.textContent = "Set place " + result.name + ", point " + result.lat + ", " + result.lon +
      " (" + result.precision + ", ±" + result.uncertainty_m + " m)" + (placed ? "." : "; the map is not ready, save and check the point.");
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
        status.textContent = "No place matches “" + query + "”. Check the spelling, or place the point by hand.";
        return;
      }
      status.textContent = results.length + " match" + (results.length === 1 ? "" : "es") + ": pick one.";
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
      status.textContent = "Searching the gazetteer…";
      fetch(url + "?limit=8&q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (answer) {
        if (mine !== latest) return;
        if (!answer.ok) { status.textContent = answer.body.error || "The search failed."; return; }
        render(answer.body.results, query);
      }).catch(function () {
        if (mine === latest) status.textContent = "The gazetteer could not be reached.";
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
