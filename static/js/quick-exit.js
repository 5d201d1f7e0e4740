// "Leave this page" on request pages: replaces the page, and its entry in the history, with
// a neutral one (QUICK_EXIT_URL). Pressing Escape twice within a second does the same.
// Without JavaScript the link still leaves (the page stays in the history then).
(() => {
  const link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  const leave = (event) => {
    event.preventDefault();
    document.documentElement.hidden = true; // nothing stays on screen while the next page loads
    window.location.replace(link.href);
  };
  link.addEventListener("click", leave);
  let lastEscape = 0;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") {
      return;
    }
    const now = Date.now();
    if (now - lastEscape < 1000) {
      leave(event);
    } else {
      lastEscape = now;
    }
  });
})();
