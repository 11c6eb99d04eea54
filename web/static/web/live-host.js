/* The host console's live dashboard (issue 13). The server renders the figures; this only
   asks for them again when something happened: on each "ocop:live" event (dispatched on
   document by the transport's live-events.js, which the console includes like the watch
   page, so its comments follow too), and every POLL_MS when no event came.
   The viewer count rides on the events themselves. Nothing here is needed to run the
   session: every control is a plain form. */
(function () {
  "use strict";
  var root = document.getElementById("live-host");
  var panel = function () { return document.getElementById("host-dashboard"); };
  if (!root || !panel()) { return; }
  var POLL_MS = 10000;
  var lastEvent = 0;
  var pending = null;

  function refresh() {
    var current = panel();
    if (!current || pending) { return; }
    pending = fetch(current.getAttribute("data-url"), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        pending = null;
        if (!html) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#host-dashboard");
        var now = panel();
        if (fresh && now) {
          var viewers = now.querySelector("[data-viewers]");
          var keep = viewers && viewers.getAttribute("data-live") === "1" ? viewers.textContent : null;
          now.replaceWith(fresh);
          if (keep !== null) { setViewers(keep); }
        }
      })
      .catch(function () { pending = null; });
  }

  function setViewers(count) {
    var cell = panel() && panel().querySelector("[data-viewers]");
    if (!cell || count === undefined || count === null) { return; }
    cell.textContent = String(count);
    cell.setAttribute("data-live", "1");
    var peak = panel().querySelector("[data-peak]");
    if (peak && Number(count) > Number(peak.textContent)) { peak.textContent = String(count); }
  }

  function onEvent(detail) {
    lastEvent = Date.now();
    if (!detail) { return; }
    var state = detail.state || {};
    var viewers = state.viewers !== undefined ? state.viewers : (detail.data || {}).viewers;
    if (viewers !== undefined) { setViewers(viewers); }
    if (detail.kind && detail.kind !== "viewers" && detail.kind.indexOf("comment.") !== 0) { refresh(); }
  }

  document.addEventListener("ocop:live", function (event) { onEvent(event.detail); });

  window.setInterval(function () {
    if (Date.now() - lastEvent > POLL_MS && !document.hidden) { refresh(); }
  }, POLL_MS);
})();
