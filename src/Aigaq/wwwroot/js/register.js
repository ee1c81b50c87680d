// Fills latitude and longitude from the device, when it can tell; the form works without it.
(function () {
  var button = document.getElementById('locate');
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('Latitude').value = p.coords.latitude.toFixed(6);
      document.getElementById('Longitude').value = p.coords.longitude.toFixed(6);
    }, function () {}, { enableHighAccuracy: true, timeout: 15000 });
  });
  // A second tap on a slow connection would send the form twice; the server ignores a repeat, but say so.
  var form = document.getElementById('register-form');
  form.addEventListener('submit', function () {
    document.getElementById('register-submit').setAttribute('aria-busy', 'true');
  });
})();
