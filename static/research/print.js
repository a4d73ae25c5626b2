// Show the "Print" buttons (hidden without JavaScript) and open the browser's print dialogue.
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
