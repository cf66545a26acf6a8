/* conflictmap admin: "New incident from a report". Links each draft field to the
 * span of the report it came from: hovering or focusing a field (or a table row)
 * lights its highlight up; clicking a highlight brings its field into view. */
(function () {
  "use strict";

  function marksFor(ref) {
    if (!ref) return [];
    return Array.prototype.filter.call(document.querySelectorAll("#report-text mark[data-refs]"), function (mark) {
      return mark.getAttribute("data-refs").split(" ").indexOf(ref) !== -1;
    });
  }

  function setActive(ref, on) {
    marksFor(ref).forEach(function (mark) { mark.classList.toggle("hl-active", on); });
  }

  function refOf(element) {
    var holder = element.closest("[data-ref]");
    while (holder && !holder.getAttribute("data-ref")) {
      holder = holder.parentElement ? holder.parentElement.closest("[data-ref]") : null;
    }
    return holder ? holder.getAttribute("data-ref") : "";
  }

  function bind() {
    var form = document.getElementById("report-extract-form");
    if (!form || !document.getElementById("report-text")) return;
    ["focusin", "mouseover"].forEach(function (type) {
      form.addEventListener(type, function (event) {
        document.querySelectorAll("#report-text mark.hl-active").forEach(function (m) { m.classList.remove("hl-active"); });
        setActive(refOf(event.target), true);
      });
    });
    document.getElementById("report-text").addEventListener("click", function (event) {
      var mark = event.target.closest("mark[data-refs]");
      if (!mark) return;
      var ref = mark.getAttribute("data-refs").split(" ")[0];
      var target = document.querySelector('#draft-incident [data-ref="' + ref + '"], #draft-sources [data-ref="' + ref + '"], #draft-allegations [data-ref="' + ref + '"], #report-flags [data-ref="' + ref + '"]');
      if (!target) return;
      target.scrollIntoView({ block: "center" });
      var input = target.querySelector("input:not([type=hidden]), select, textarea");
      if (input) input.focus();
    });
    form.setAttribute("data-bound", "true");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", bind);
  else bind();
})();
