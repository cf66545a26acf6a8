// A background job's page (templates/admin/events/job/job.html): while the job is
// queued or running, poll its JSON state and show the progress; once it has ended,
// reload the page, which shows the result and errors as the server renders them.
(function () {
  "use strict";
  var POLL_MS = 700;

  // Strings through the site's JS catalogue (loaded by job.html before this file).
  function _(message, values) {
    var s = window.gettext ? window.gettext(message) : message;
    return values ? s.replace(/%\((\w+)\)s/g, function (m, key) { return String(values[key]); }) : s;
  }

  function text(id, value) {
    var element = document.getElementById(id);
    if (element) element.textContent = value;
  }

  function show(root, state) {
    var bar = document.getElementById("job-progress");
    root.dataset.status = state.status;
    text("job-status", state.status_label);
    var status = document.getElementById("job-status");
    if (status) status.className = "job-status job-" + state.status;
    if (bar) {
      if (state.total === null) {
        bar.removeAttribute("value");
      } else {
        bar.max = Math.max(state.total, 1);
        bar.value = state.done;
      }
    }
    text(
      "job-progress-text",
      state.total === null ? "" : _("%(done)s of %(total)s (%(percent)s)", { done: state.done, total: state.total, percent: (state.percent || 0) + "%" })
    );
    text("job-message", state.message);
    text("job-attempts", _("%(attempts)s of at most %(max)s", { attempts: state.attempts, max: state.max_attempts }));
    var idle = document.getElementById("job-no-worker");
    if (idle) idle.hidden = state.workers !== 0;
  }

  function poll(root) {
    fetch(root.dataset.stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (state) {
        show(root, state);
        if (state.finished) {
          window.location.reload();
        } else {
          window.setTimeout(function () { poll(root); }, POLL_MS);
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(root); }, POLL_MS * 3);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("job");
    if (root && root.dataset.finished !== "true") poll(root);
  });
})();
