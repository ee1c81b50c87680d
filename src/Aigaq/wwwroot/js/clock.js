// Counts down every <span class="clock" data-until="ISO instant">; the server-rendered value stays if this never runs.
(function () {
  var clocks = document.querySelectorAll('.clock[data-until]');
  if (!clocks.length) return;
  function tick() {
    var now = Date.now();
    clocks.forEach(function (el) {
      var left = Date.parse(el.getAttribute('data-until')) - now;
      var abs = Math.abs(left), h = Math.floor(abs / 3600000), m = Math.floor(abs % 3600000 / 60000);
      el.textContent = (left < 0 ? '-' : '') + h + ':' + (m < 10 ? '0' : '') + m;
      el.classList.toggle('overdue', left < 0);
    });
  }
  tick();
  setInterval(tick, 20000);
})();
