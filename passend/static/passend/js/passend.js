/* Passend: small progressive enhancements. No dependencies, CSP-safe (no eval/inline). */
(function () {
  "use strict";

  // After an htmx swap, move focus to [data-focus-after-swap] inside the new content.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail && event.detail.elt;
    if (!root || !root.querySelector) return;
    var target = root.matches("[data-focus-after-swap]") ? root : root.querySelector("[data-focus-after-swap]");
    if (!target || !document.contains(target) || target === document.activeElement) return;
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  });

  // <form data-confirm="Weet u het zeker?">: ask before submitting (works for htmx forms too).
  // A submit button may carry its own data-confirm text, which takes precedence.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var submitter = event.submitter;
      var text = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (text && !window.confirm(text)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );
})();
