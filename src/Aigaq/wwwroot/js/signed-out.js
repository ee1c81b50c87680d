// Signed out: the copies of the detention form and of the visit pages' shells kept for use without a connection belonged
// to the last account.
(function () {
  'use strict';
  if (window.caches) {
    caches.delete('aigaq-register-v1').catch(function () { });
    caches.delete('aigaq-visits-v1').catch(function () { });
  }
})();
