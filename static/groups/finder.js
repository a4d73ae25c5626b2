// After a search the page opens at #result-count: move the focus there too, so a screen reader
// reads the number of groups found and the next Tab goes into the results, not the filters.
// The scroll is done here as well, at once: Bootstrap makes scrolling smooth, and a slow glide
// past 2,000 px of filters on a phone is the wait we want to spare the person.
(function () {
  function resultCount() {
    return window.location.hash === "#result-count" && document.getElementById("result-count");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var count = resultCount();
    if (count) {
      count.focus({ preventScroll: true });
      count.scrollIntoView({ block: "start", behavior: "instant" });
    }
  });
  // Once more when images and fonts have settled the layout, unless the person has moved on.
  window.addEventListener("load", function () {
    var count = resultCount();
    if (count && document.activeElement === count) {
      count.scrollIntoView({ block: "start", behavior: "instant" });
    }
  });
})();
