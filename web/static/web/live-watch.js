/* The watch page (/live/<slug>/): the countdown before the start, the HLS player, the
   replay's "jump to the moment", and the live state kept up to date in place.
   Updates come as `ocop:live` events on document (dispatched by live-events.js, from
   server-sent events or polling): detail = {id, kind, state?, data?}, where `state` is
   livestream.live_state.snapshot(), computed by the server after commit. Nothing here
   guesses a count: every number shown is the last state's. */
(function () {
  "use strict";
  var root = document.querySelector("[data-live-watch]");
  if (!root) return;
  var pinned = root.querySelector("[data-live-pinned]");
  var flashTimer = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(s) {
    var h = Math.floor(s / 3600);
    return (h ? h + ":" : "") + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }
  function field(scope, name) { return scope ? scope.querySelector('[data-f="' + name + '"]') : null; }
  function setText(scope, name, value) {
    var el = field(scope, name);
    // Only when it changed, so aria-live regions announce real changes.
    if (el && value !== undefined && value !== null && el.textContent !== String(value)) el.textContent = value;
  }
  function soldOut(scope, isSoldOut) {
    var button = field(scope, "buy");
    if (!button) return;
    button.disabled = isSoldOut;
    setText(button, "label", isSoldOut ? button.dataset.soldOut : button.dataset.buy);
  }

  // Before the start: a countdown, then "starting soon".
  var countdown = root.querySelector(".watch-countdown");
  if (countdown) {
    var startsAt = Date.parse(countdown.getAttribute("datetime"));
    (function tick() {
      var s = Math.floor((startsAt - Date.now()) / 1000);
      if (s <= 0) { countdown.textContent = countdown.dataset.soon; return; }
      countdown.textContent = clock(s);
      setTimeout(tick, 1000);
    })();
  }

  // HLS: natively where the browser plays it (Safari), else through hls.js.
  var video = root.querySelector("video[data-hls-src]");
  if (video) {
    var src = video.dataset.hlsSrc;
    if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = src;
    } else if (window.Hls && window.Hls.isSupported()) {
      var hls = new window.Hls({ enableWorker: false });
      hls.loadSource(src);
      hls.attachMedia(video);
    }
    var at = Number(video.dataset.start) || 0;
    if (at) video.addEventListener("loadedmetadata", function () { video.currentTime = at; }, { once: true });
    // The replay's timeline jumps in place (the links reload the page with ?t= otherwise).
    root.addEventListener("click", function (event) {
      var link = event.target.closest("[data-seek]");
      if (!link) return;
      event.preventDefault();
      video.currentTime = Number(link.dataset.seek);
      video.focus();
      video.play();
    });
  }

  function showFlash(flash) {
    var el = field(pinned, "flash");
    if (!el) return;
    clearTimeout(flashTimer);
    if (!flash || !flash.closes_at) { el.hidden = true; return; }
    var opens = Date.parse(flash.opens_at), closes = Date.parse(flash.closes_at);
    (function tick() {
      var now = Date.now();
      if (now >= closes) { el.hidden = true; return; }
      var before = now < opens;
      el.textContent = (before ? el.dataset.opens : el.dataset.closes) + " " +
        clock(Math.ceil(((before ? opens : closes) - now) / 1000));
      el.hidden = false;
      flashTimer = setTimeout(tick, 1000);
    })();
  }

  function fillPinned(offer) {
    pinned.hidden = !offer;
    if (!offer) return;
    var item = document.getElementById("offer-" + offer.id);
    var photo = field(pinned, "photo");
    var listed = item ? field(item, "photo") : null;
    var url = (listed && listed.getAttribute("src")) || offer.thumbnail_url || "";
    photo.hidden = !url;
    if (url) photo.src = url;
    setText(pinned, "name", offer.product_name + (offer.variant_name ? " (" + offer.variant_name + ")" : ""));
    setText(pinned, "live", offer.price_now_display); // the flash price while one is open
    setText(pinned, "regular", offer.regular_price_display);
    setText(pinned, "left", offer.units_left);
    setText(pinned, "sold", offer.units_sold);
    setText(pinned, "limit", offer.per_buyer_limit);
    field(pinned, "form").action = item ? item.dataset.buyUrl : "/live/" + root.dataset.slug + "/mua-ngay/" + offer.id + "/";
    soldOut(pinned, offer.units_left <= 0);
    showFlash(offer.flash);
  }

  function ended() {
    var note = root.querySelector("[data-live-ended]");
    if (note) note.hidden = false;
    if (pinned) pinned.hidden = true;
    root.querySelectorAll(".watch-offer-buy").forEach(function (form) { form.hidden = true; });
  }

  function setViewers(count) {
    var el = root.querySelector("[data-live-viewers]");
    if (el && el.textContent !== String(count)) el.textContent = count;
  }

  function update(state) {
    if (state.session && String(state.session.id) !== root.dataset.session) return;
    var byId = {};
    (state.offers || []).forEach(function (offer) {
      byId[offer.id] = offer;
      var item = document.getElementById("offer-" + offer.id);
      if (!item) return;
      setText(item, "left", offer.units_left);
      setText(item, "sold", offer.units_sold);
      setText(item, "limit", offer.per_buyer_limit);
      setText(item, "live", offer.price_now_display);
      setText(item, "regular", offer.regular_price_display);
      item.classList.toggle("is-pinned", offer.id === state.pinned_offer_id);
      soldOut(item, offer.units_left <= 0);
    });
    var sold = root.querySelector("[data-live-sold]");
    if (sold && state.units_sold !== undefined && sold.textContent !== String(state.units_sold)) sold.textContent = state.units_sold;
    if (state.viewers !== undefined && state.viewers !== null) setViewers(state.viewers);
    if (pinned) fillPinned(byId[state.pinned_offer_id]);
    if (state.session && state.session.status === "ended") ended();
  }

  document.addEventListener("ocop:live", function (event) {
    var detail = event.detail || {};
    if (detail.state) update(detail.state);
    if (detail.data && detail.data.viewers !== undefined) setViewers(detail.data.viewers);
  });

  var flashNow = field(pinned, "flash");
  if (flashNow && flashNow.dataset.closesAt) {
    showFlash({ opens_at: flashNow.dataset.opensAt, closes_at: flashNow.dataset.closesAt });
  }
})();
