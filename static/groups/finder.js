// After a search the page opens at #result-count: move the focus there too, so a screen reader
// reads the number of groups found and the next Tab goes into the results, not the filters.
document.addEventListener("DOMContentLoaded", function () {
  if (window.location.hash !== "#result-count") {
    return;
  }
  var count = document.getElementById("result-count");
  if (count) {
    count.focus();
  }
});
