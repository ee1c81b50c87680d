// Signed out: the copy of the detention form kept for use without a connection belonged to the last account.
(function () {
  'use strict';
  if (window.caches) caches.delete('aigaq-register-v1').catch(function () { });
})();
