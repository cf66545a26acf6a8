/* conflictmap admin: claims and attributions cite a source of the same incident.
 * Sources added on the page are not saved yet, so their rows are offered as
 * "new-<row>" choices, labelled with what the editor types; the server saves the
 * sources first and resolves these references (events/admin/inlines.py). */
(function () {
  "use strict";

  // Strings through the admin's JS catalogue (admin:jsi18n carries ours too).
  function _(message, values) {
    var s = window.gettext ? window.gettext(message) : message;
    return values ? s.replace(/%\((\w+)\)s/g, function (m, key) { return String(values[key]); }) : s;
  }

  var PREFIX = "sources";
  var removedIndex = null;

  function sourceRows() {
    return Array.prototype.filter.call(
      document.querySelectorAll('[id^="' + PREFIX + '-"]'),
      function (row) { return /^sources-\d+$/.test(row.id); }
    );
  }

  function field(row, index, name) {
    return row.querySelector('[name="' + PREFIX + "-" + index + "-" + name + '"]');
  }

  function choices() {
    var list = [["", "---------"]];
    sourceRows().forEach(function (row) {
      var index = parseInt(row.id.split("-")[1], 10);
      var pk = field(row, index, "id");
      var name = field(row, index, "name");
      var via = field(row, index, "reported_via");
      var gone = field(row, index, "DELETE");
      var text = name ? name.value.trim() : "";
      if (text && via && via.value.trim()) text = _("%(source)s via %(outlet)s", { source: text, outlet: via.value.trim() });
      var saved = pk && pk.value;
      var label = saved ? text : (text ? _("New: %(source)s", { source: text }) : _("New source (row %(row)s)", { row: index + 1 }));
      if (gone && gone.checked) label = _("%(source)s (being deleted)", { source: label });
      list.push([saved ? pk.value : "new-" + index, label]);
    });
    return list;
  }

  function refresh() {
    var options = choices();
    document.querySelectorAll("select.source-ref-select").forEach(function (select) {
      var value = select.value;
      select.replaceChildren();
      options.forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        select.appendChild(option);
      });
      var known = options.some(function (pair) { return pair[0] === value; });
      select.value = known ? value : "";
    });
  }

  function renumberAfterRemoval(index) {
    document.querySelectorAll("select.source-ref-select").forEach(function (select) {
      var match = /^new-(\d+)$/.exec(select.value);
      if (!match) return;
      var k = parseInt(match[1], 10);
      if (k === index) select.value = "";
      else if (k > index) {
        var option = document.createElement("option");
        option.value = "new-" + (k - 1);
        select.appendChild(option);
        select.value = option.value;
      }
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".inline-deletelink");
    if (!link) return;
    var row = link.closest('[id^="' + PREFIX + '-"]');
    removedIndex = row && /^sources-\d+$/.test(row.id) ? parseInt(row.id.split("-")[1], 10) : null;
  }, true);

  document.addEventListener("formset:removed", function (event) {
    if (event.detail && event.detail.formsetName === PREFIX && removedIndex !== null) {
      renumberAfterRemoval(removedIndex);
      removedIndex = null;
    }
    // Django renumbers the remaining rows after this event: refresh once it has.
    setTimeout(refresh, 0);
  });
  document.addEventListener("formset:added", refresh);
  document.addEventListener("input", function (event) {
    if (/^sources-\d+-(name|reported_via)$/.test(event.target.name || "")) refresh();
  });
  document.addEventListener("change", function (event) {
    if (/^sources-\d+-DELETE$/.test(event.target.name || "")) refresh();
  });
  document.addEventListener("DOMContentLoaded", refresh);
})();
