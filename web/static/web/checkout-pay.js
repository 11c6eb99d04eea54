// Card payment with Stripe's Payment Element: confirmPayment handles 3-D Secure and returns
// to the order page, which shows "processing" until Stripe's webhook has booked the payment.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("card-form");
    if (!form || typeof window.Stripe !== "function") { return; }
    var stripe = window.Stripe(form.dataset.key);
    var elements = stripe.elements({ clientSecret: form.dataset.secret, locale: document.documentElement.lang || "vi" });
    elements.create("payment").mount("#payment-element");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      stripe.confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.return } })
        .then(function (result) {
          if (result.error) {
            document.getElementById("card-message").textContent = result.error.message || "";
            button.disabled = false;
          }
        });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
