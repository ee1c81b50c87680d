// Shows only the fields of the chosen event type; without script every field shows and the server keeps the relevant ones.
(function () {
  var select = document.getElementById('event-type');
  if (!select) return;
  function show() {
    document.querySelectorAll('#event-form [data-for]').forEach(function (el) {
      el.hidden = el.getAttribute('data-for').split(' ').indexOf(select.value) < 0;
    });
  }
  select.addEventListener('change', show);
  show();
})();
