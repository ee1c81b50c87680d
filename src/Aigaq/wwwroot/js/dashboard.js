// Refreshes the dashboard's alerts without a reload (issue 14, item 1): every data-refresh-seconds the page is fetched
// again and #alerts-live replaced, unless the reader is typing in it or has an acknowledgement open.
(function () {
  var live = document.getElementById('alerts-live');
  if (!live || !window.fetch || !window.DOMParser) return;
  var seconds = parseInt(live.getAttribute('data-refresh-seconds'), 10) || 60;
  function stamp() {
    var note = document.getElementById('alerts-refreshed');
    if (!note) return;
    var now = new Date();
    var time = (now.getHours() < 10 ? '0' : '') + now.getHours() + ':' + (now.getMinutes() < 10 ? '0' : '') + now.getMinutes();
    note.textContent = note.getAttribute('data-template').replace('{0}', time);
  }
  function busy() {
    return live.contains(document.activeElement) && document.activeElement !== document.body
      || live.querySelector('details[open]') !== null;
  }
  function refresh() {
    if (document.hidden || busy()) return;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html || busy()) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('alerts-live');
        if (!fresh) return;
        live.innerHTML = fresh.innerHTML;
        stamp();
      })
      .catch(function () { /* offline or signed out: the alerts shown stay */ });
  }
  stamp();
  setInterval(refresh, seconds * 1000);
})();
