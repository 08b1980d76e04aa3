// The caches page reloads itself every 5 s while a prune runs on some node (data-morgan-pruning),
// so "running since" turns into what the prune reclaimed without the user pressing anything. The
// reload is cheap: nodes read within the minute answer from the page's cache.
(function () {
  var summary = document.querySelector('[data-morgan-pruning]');
  if (summary && summary.getAttribute('data-morgan-pruning') === 'true') {
    window.setTimeout(function () { window.location.reload(); }, 5000);
  }
})();
