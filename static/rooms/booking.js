// Progressive enhancement: show "last date" only for repeating bookings. The form works without it.
(function () {
  "use strict";
  var lastDate = document.getElementById("div_id_last_date");
  var radios = document.querySelectorAll("input[name=repeat]");
  if (!lastDate || !radios.length) {
    return;
  }
  function update() {
    var once = document.querySelector("input[name=repeat][value=once]");
    lastDate.hidden = !!(once && once.checked);
  }
  radios.forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();
