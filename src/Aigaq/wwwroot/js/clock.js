// Counts down every <span class="clock" data-until="ISO instant"> in the reader's words ("1 d 3 h left", "overdue by
// 3 h 05 min"), read from #clock-words; the server-rendered text stays if this never runs.
(function () {
  var clocks = document.querySelectorAll('.clock[data-until]');
  var words = document.getElementById('clock-words');
  if (!clocks.length || !words) return;
  function fill(template, a, b) {
    return template.replace('{0}', a).replace('{1}', b);
  }
  function span(ms) {
    var minutes = Math.floor(ms / 60000), days = Math.floor(minutes / 1440), hours = Math.floor(minutes % 1440 / 60), m = minutes % 60;
    if (days > 0) return fill(words.dataset.dh, days, hours);
    if (hours > 0) return fill(words.dataset.hm, hours, (m < 10 ? '0' : '') + m);
    return fill(words.dataset.m, m);
  }
  function tick() {
    var now = Date.now();
    clocks.forEach(function (el) {
      var left = Date.parse(el.getAttribute('data-until')) - now;
      el.textContent = fill(left < 0 ? words.dataset.over : words.dataset.left, span(Math.abs(left)));
      el.classList.toggle('overdue', left < 0);
    });
  }
  tick();
  setInterval(tick, 20000);
})();
