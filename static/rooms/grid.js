// Week grid, keyboard: one Tab stop per room and day. Within a cell the arrow keys move between
// its free times (a roving tabindex). Without JavaScript every free time is its own Tab stop.
(function () {
  "use strict";
  var grid = document.querySelector("table.rooms-grid[data-roving]");
  if (!grid) {
    return;
  }
  var hint = document.getElementById("grid-keys");
  grid.querySelectorAll("td.rooms-cell").forEach(function (cell) {
    var links = Array.prototype.slice.call(cell.querySelectorAll(".seg-free a"));
    if (links.length < 2) {
      return;
    }
    links.forEach(function (link, index) {
      link.tabIndex = index === 0 ? 0 : -1;
      link.addEventListener("keydown", function (event) {
        var step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
        if (event.key === "Home") { step = -index; }
        if (event.key === "End") { step = links.length - 1 - index; }
        if (step === undefined) {
          return;
        }
        var next = links[Math.min(Math.max(index + step, 0), links.length - 1)];
        event.preventDefault();
        link.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      });
    });
  });
  if (hint) {
    hint.hidden = false;
  }
})();
