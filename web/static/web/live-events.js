// A live session's events (issue 13), for the watch page and the host console alike.
// Reads [data-live-events] (the event stream's URL) and [data-live-state] (the JSON state
// to poll) on the first element that has them, and tells the page about every event with
//   document.dispatchEvent(new CustomEvent("ocop:live", {detail: {id, kind, state?, data?}}))
// The first event of every connection is {kind: "snapshot", state}: the whole state, fresh.
// Push is an EventSource (the browser reconnects by itself, sending Last-Event-ID); when it
// keeps failing the page polls the state every 5 s and tries push again every 30 s.
(function () {
  "use strict";
  var POLL_MS = 5000;
  var RETRY_PUSH_MS = 30000;
  var FAILURES_BEFORE_POLLING = 3;

  function start(root) {
    var streamUrl = root.getAttribute("data-live-events");
    var stateUrl = root.getAttribute("data-live-state");
    var lastId = parseInt(root.getAttribute("data-live-last-id") || "", 10);
    var source = null;
    var failures = 0;
    var pollTimer = null;

    function tell(detail) {
      if (typeof detail.id === "number" && !(detail.id <= lastId)) {
        lastId = detail.id;
      }
      document.dispatchEvent(new CustomEvent("ocop:live", { detail: detail }));
    }

    function push() {
      if (!window.EventSource || !streamUrl) {
        poll();
        return;
      }
      var url = streamUrl + (isNaN(lastId) ? "" : "?last_id=" + lastId);
      source = new EventSource(url);
      source.onopen = function () {
        failures = 0;
      };
      source.onmessage = function (event) {
        failures = 0;
        try {
          tell(JSON.parse(event.data));
        } catch (error) {
          // a malformed message is skipped; the next snapshot corrects the state
        }
      };
      source.onerror = function () {
        failures += 1;
        if (source.readyState === EventSource.CLOSED || failures >= FAILURES_BEFORE_POLLING) {
          source.close();
          source = null;
          poll();
          window.setTimeout(function () {
            if (pollTimer !== null) {
              window.clearInterval(pollTimer);
              pollTimer = null;
              failures = 0;
              push();
            }
          }, RETRY_PUSH_MS);
        }
      };
    }

    function fetchState() {
      var request = new XMLHttpRequest();
      request.open("GET", stateUrl);
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        if (request.status === 200) {
          try {
            tell(JSON.parse(request.responseText));
          } catch (error) {
            // ignored: the next poll tries again
          }
        }
      };
      request.send();
    }

    function poll() {
      if (pollTimer !== null || !stateUrl) {
        return;
      }
      fetchState();
      pollTimer = window.setInterval(fetchState, POLL_MS);
    }

    push();
  }

  function boot() {
    var root = document.querySelector("[data-live-events]");
    if (root) {
      start(root);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
