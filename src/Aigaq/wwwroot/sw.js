// Keeps the detention form usable with no connection. The form page and the scripts and styles it loads come from
// the network when it answers and from a cache on this device when it does not; nothing else is cached. The form's
// own script keeps drafts and the queue of registrations waiting to be sent (js/register.js).
'use strict';
importScripts('/sw-keep.js');
var CACHE = 'aigaq-register-v1';
var FORM = '/detentions/register';

// The form and what it loads are kept at once, so that the next visit works without a connection.
self.addEventListener('install', function (event) {
  self.skipWaiting();
  event.waitUntil(fetch(FORM, { credentials: 'same-origin' }).then(function (response) {
    if (!response.ok || response.redirected) return undefined;
    return keepPage(CACHE, FORM, response);
  }).catch(function () { }));
});
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });
// A page of the form that opened while this worker was activating asks to be taken too.
self.addEventListener('message', function (event) {
  if (event.data === 'claim') event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var isForm = url.pathname === FORM;
  var isAsset = /^\/(css|js|lib)\//.test(url.pathname);
  if (!isForm && !isAsset) return;
  var key = isForm ? FORM : request;
  event.respondWith(fetch(request).then(function (response) {
    // Only the form itself, never the sign-in page a lapsed session is sent to.
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(key, copy); }));
    }
    return response;
  }, function () {
    return caches.match(key).then(function (cached) { return cached || Response.error(); });
  }));
});
