// What the service workers share (sw.js for the registration form, visits-sw.js for a visit's page), loaded by each with
// importScripts: keep a page and the scripts and styles it loads, so that the page opens with no connection. Loaded by a
// worker, it is stored with that worker's scripts and is there offline too.
'use strict';

// Puts `response` (a page) in the cache `name` under `key`, with each script and style the page loads (/css, /js, /lib):
// an asset that cannot be fetched now is left out, not the page.
function keepPage(name, key, response) {
  return response.clone().text().then(function (html) {
    var assets = [];
    var found = /(?:src|href)="(\/(?:css|js|lib)\/[^"]+)"/g;
    var match;
    while ((match = found.exec(html)) !== null) assets.push(match[1].replace(/&amp;/g, '&'));
    return caches.open(name).then(function (cache) {
      return Promise.all([cache.put(key, response)].concat(assets.map(function (asset) {
        return cache.add(asset).catch(function () { });
      })));
    });
  });
}
