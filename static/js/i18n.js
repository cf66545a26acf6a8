/* conflictmap: the page's language and the reader's digits, for the other scripts.
 *
 * Strings come from Django's JavaScript catalogue (/i18n/<lang>/catalog.js, loaded
 * just before this file): gettext, ngettext and interpolate. window.cmI18n adds:
 * - lang, rtl: the page's language and direction (<html lang dir>);
 * - digits(text): text with its digits in the reader's style, the counterpart of
 *   events/display.py digits (<html data-digits="arab"> for Arabic-Indic);
 * - number(n): a count in that style; locale: the Intl locale for dates
 *   (Arabic: Syria's month names, Western digits unless the reader chose otherwise);
 * - t(msg, values): gettext with %(name)s values;
 * - timeTicks: a uPlot axis "values" function for time axes in the page's language.
 * It also keeps the current query (map view, filters) when the reader switches
 * language or digits.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var lang = root.lang || "en";
  var arabicDigits = root.getAttribute("data-digits") === "arab";
  var INDIC = "٠١٢٣٤٥٦٧٨٩";

  function digits(value) {
    var s = value == null ? "" : String(value);
    if (!arabicDigits) return s;
    return s.replace(/[0-9]/g, function (d) { return INDIC.charAt(Number(d)); });
  }

  function t(message, values) {
    var translated = window.gettext ? window.gettext(message) : message;
    return values ? window.interpolate(translated, values, true) : translated;
  }

  // Time-axis labels for uPlot in the page's language (uPlot's own are English):
  // months when the ticks are a month or more apart, else days.
  var tickFormats = {};
  function timeTicks(u, ticks, axisIndex, space, incr) {
    var options = incr >= 28 * 86400 ? { month: "short", year: "numeric" } : { day: "numeric", month: "short" };
    var key = options.year ? "m" : "d";
    if (!tickFormats[key]) tickFormats[key] = new Intl.DateTimeFormat(window.cmI18n.locale, Object.assign({ timeZone: "UTC" }, options));
    return ticks.map(function (v) { return tickFormats[key].format(new Date(v * 1000)); });
  }

  window.cmI18n = {
    lang: lang,
    rtl: root.dir === "rtl",
    arabicDigits: arabicDigits,
    locale: lang === "ar" ? (arabicDigits ? "ar-SY-u-nu-arab" : "ar-SY-u-nu-latn") : "en-GB",
    digits: digits,
    number: function (n) { return digits(n); },
    t: t,
    timeTicks: timeTicks,
    n: function (singular, plural, count, values) {
      var translated = window.ngettext ? window.ngettext(singular, plural, count) : (count === 1 ? singular : plural);
      return values ? window.interpolate(translated, values, true) : translated;
    },
  };

  document.addEventListener("DOMContentLoaded", function () {
    var languageForm = document.getElementById("language-form");
    if (languageForm) {
      languageForm.addEventListener("submit", function () {
        languageForm.elements.next.value = location.pathname + location.search;
      });
    }
    var digitsForm = document.getElementById("digits-form");
    if (digitsForm) {
      digitsForm.addEventListener("submit", function (e) {
        e.preventDefault();
        var button = digitsForm.querySelector("button[name=digits]");
        var params = new URLSearchParams(location.search);
        params.set("digits", button.value);
        location.assign(location.pathname + "?" + params.toString());
      });
    }
  });
})();
