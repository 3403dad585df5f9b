/* Passend: small progressive enhancements. No dependencies, CSP-safe (no eval/inline). */
(function () {
  "use strict";

  var FOCUS_TARGETS = "#form-errors, [data-focus-after-swap]";

  // After a failed submit the page holds the error summary (#form-errors, templates/includes/
  // form_errors.html): focus moves there on load, so it is announced (WCAG 3.3.1/4.1.3).
  function focusErrorSummary() {
    var summary = document.getElementById("form-errors");
    if (!summary || summary === document.activeElement) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  // Small screens: the main navigation becomes a disclosure behind the "Menu" button
  // (<button aria-expanded aria-controls>). Without this script the button stays hidden and
  // the navigation is shown.
  function setUpMenuButton() {
    var bar = document.querySelector(".passend-nav-toggle-bar");
    var button = bar && bar.querySelector(".passend-nav-toggle");
    var nav = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) return;
    bar.hidden = false;
    nav.classList.add("passend-nav--collapsible");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("passend-nav--open", open);
    });
  }

  // The "Meer" group of the navigation (<details>): closes on Escape and on a click elsewhere.
  function setUpMoreGroup() {
    var more = document.querySelector(".passend-nav__more details");
    if (!more) return;
    document.addEventListener("click", function (event) {
      if (more.open && !more.contains(event.target)) more.open = false;
    });
    more.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && more.open) {
        more.open = false;
        more.querySelector("summary").focus();
      }
    });
  }

  function init() {
    setUpMenuButton();
    setUpMoreGroup();
    focusErrorSummary();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  // After an htmx swap, move focus to the error summary or [data-focus-after-swap] inside the
  // new content.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail && event.detail.elt;
    if (!root || !root.querySelector) return;
    var target = root.matches(FOCUS_TARGETS) ? root : root.querySelector(FOCUS_TARGETS);
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
