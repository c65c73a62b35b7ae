/* Keeps "open now / opens at ..." current on a cached page (home/opening.py). The server writes
   each info point's coming state changes, already worded, into data-opening-timeline as
   [[UTC milliseconds, state, text], ...]; this script only shows the entry that holds now.
   Without JavaScript the text of the moment the page was built stays. */
(function () {
  "use strict";
  var HOUR = 3600 * 1000;
  var nodes = document.querySelectorAll("[data-opening-timeline]");
  var timer = null;

  function update() {
    var now = Date.now();
    var next = now + HOUR;
    Array.prototype.forEach.call(nodes, function (node) {
      var entries;
      try {
        entries = JSON.parse(node.getAttribute("data-opening-timeline"));
      } catch (error) {
        return;
      }
      var current = null;
      for (var i = 0; i < entries.length; i += 1) {
        if (entries[i][0] <= now) {
          current = entries[i];
        } else {
          next = Math.min(next, entries[i][0]);
          break;
        }
      }
      if (current === null) {
        return; /* the clock is before the page was built: keep the server's text */
      }
      node.setAttribute("data-state", current[1]);
      node.textContent = current[2];
      node.hidden = current[2] === "";
    });
    clearTimeout(timer);
    timer = setTimeout(update, Math.max(next - now, 0) + 1000);
  }

  if (nodes.length) {
    update();
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) {
        update();
      }
    });
  }
}());
