// Keeps a monitoring visit's page, and the list of visits, usable with no connection (issue 17, item 9; ADR 0030, addendum
// "The visit page without a connection"). Scope /visits: the list (/visits) and each visit's page (/visits/{id}) only.
// What it keeps is the page's *shell*: the visit's page as the server renders it with ?shell=true, that is its forms, the
// checklist's items and the visit's state, without anything that names or points at a person (no team names, no
// headcount list, no interview codes, no answers or notes, no addressees), and the scripts and styles the shell loads.
// Nothing else is cached: the full page and every API answer go to the network only, so that what the team recorded
// about people is never kept by this worker. What the team records offline waits in the page's own queue
// (localStorage and IndexedDB, js/visits.js), each entry with its idempotency key. The list's shell (/visits?shell=true)
// holds no visit at all: the page lists, when it opens offline, the visits whose shells this cache holds.
'use strict';
importScripts('/sw-keep.js');
var CACHE = 'aigaq-visits-v1';
var PAGE = /^\/visits\/[0-9a-fA-F-]{36}$/;
var LIST = '/visits';
function isShellPath(path) { return PAGE.test(path) || path === LIST; }
var ASSET = /^\/(css|js|lib)\//;

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

// The shell of one visit's page, or of the list, and what it loads, kept under the page's own path.
function keep(path) {
  return fetch(path + '?shell=true', { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
    // Only the shell itself, never the sign-in page a lapsed session is sent to.
    if (!response.ok || response.redirected) return false;
    return keepPage(CACHE, path, response).then(function () { return true; });
  }).catch(function () { return false; });
}

// Whether the shell kept for a page shows the state the page gives (a visit's #visit-record's or the list's #visit-list's
// data-state).
var STATE = /id="visit-(?:record|list)"[^>]*data-state="([^"]*)"/;
function current(path, state) {
  if (typeof state !== 'string' || !state) return Promise.resolve(false);
  return caches.open(CACHE).then(function (cache) { return cache.match(path); }).then(function (shell) {
    if (!shell) return false;
    return shell.text().then(function (html) {
      var found = STATE.exec(html);
      return !!found && found[1] === state;
    });
  }).catch(function () { return false; });
}

// The page asks to be taken (it opened while this worker was activating) and to have its shell kept for the state it
// shows; the shell is fetched only when none is kept for that state (the visit's state changed, or nothing is kept).
// The page is told when the shell is kept, so that it can say the page now opens without a connection.
self.addEventListener('message', function (event) {
  var data = event.data || {};
  if (data === 'claim' || data.claim) event.waitUntil(self.clients.claim());
  if (typeof data.keep === 'string' && isShellPath(data.keep)) {
    event.waitUntil(current(data.keep, data.state).then(function (same) {
      return same || keep(data.keep);
    }).then(function (kept) {
      if (kept && event.source) event.source.postMessage({ kept: data.keep, state: data.state });
    }));
  }
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // A visit's page or the list: from the network; with no connection, the shell kept for it.
  if (request.mode === 'navigate' && isShellPath(url.pathname) && !url.search) {
    event.respondWith(fetch(request).catch(function () {
      return caches.match(url.pathname).then(function (shell) { return shell || Response.error(); });
    }));
    return;
  }

  // Scripts and styles: from the network, kept for the shell; from the device when there is no connection.
  if (ASSET.test(url.pathname)) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(request, copy); }));
      }
      return response;
    }, function () {
      return caches.match(request).then(function (cached) { return cached || Response.error(); });
    }));
  }

  // Everything else (the API, evidence files, other pages) is not touched: the network only.
});
