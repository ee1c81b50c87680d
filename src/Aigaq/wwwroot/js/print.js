// The record's Print button: shown only where script runs to press it (the browser's own print works anyway).
(function () {
  var button = document.getElementById('record-print');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
})();
