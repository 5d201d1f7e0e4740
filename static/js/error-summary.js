// The error summary of a form (templates/bootstrap5/errors.html) takes focus when the page
// loads, so that a keyboard or screen-reader user hears what went wrong; its links move focus
// to the field itself, not only the view. A separate file: the CSP forbids inline script.
(function () {
  "use strict";
  function focusField(event) {
    var target = document.getElementById(this.getAttribute("href").slice(1));
    if (!target) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector('label[for="' + target.id + '"]');
    var group = target.closest("fieldset") || label || target;
    group.scrollIntoView();
    target.focus({ preventScroll: true });
  }
  function start() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", focusField);
    });
    summary.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
