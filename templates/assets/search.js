// Meshline search: no server. The words of the query are split as the site splits posts (src/core/search-terms.ts);
// each word's shard (search/t/<hex of its first two characters, three when they are digits>.json) says which posts
// have it; the posts' summaries (search/d/<n>.json) are shown as text. Posts that have every word come first, newest
// first.
'use strict';
(function () {
  var script = document.currentScript;
  var base = (script && script.dataset.base) || '/';
  // The page's words, in the site's language (templates' locales/): a text, or plural forms by Intl.PluralRules.
  var messages = {};
  try {
    messages = JSON.parse((script && script.dataset.messages) || '{}');
  } catch (e) {
    messages = {};
  }
  var plural = new Intl.PluralRules(document.documentElement.lang || undefined);
  var number = new Intl.NumberFormat(document.documentElement.lang || undefined);
  function say(key, n) {
    var m = messages[key] || key;
    if (typeof m === 'object') m = m[plural.select(n || 0)] || m.other || key;
    return m.replace('{n}', number.format(n || 0));
  }
  var input = document.getElementById('q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('results');
  var BUCKET = 1000;
  function terms(text) {
    var words = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u);
    var out = [];
    words.forEach(function (w) {
      var n = Array.from(w).length;
      if (n >= 2 && n <= 32 && out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }
  function hex(s) {
    return Array.from(new TextEncoder().encode(s), function (b) {
      return b.toString(16).padStart(2, '0');
    }).join('');
  }
  var cache = {};
  function json(path) {
    if (!cache[path])
      cache[path] = fetch(base + path).then(function (r) {
        return r.ok ? r.json() : {};
      });
    return cache[path];
  }
  function show(ids, docs) {
    list.textContent = '';
    ids.forEach(function (id) {
      var d = docs[id];
      if (!d) return;
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = d[0];
      a.textContent = d[1] + ' (@' + d[2] + '), ' + d[3].slice(0, 10);
      var p = document.createElement('p');
      p.textContent = d[4];
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }
  function search(query) {
    var words = terms(query);
    if (!words.length) {
      status.textContent = say('search.tooShort');
      list.textContent = '';
      return;
    }
    status.textContent = say('search.searching');
    Promise.all(
      words.map(function (w) {
        var cut = /^\p{N}\p{N}/u.test(w) ? 3 : 2;
        return json('search/t/' + hex(Array.from(w).slice(0, cut).join('')) + '.json').then(function (shard) {
          return (shard.terms && shard.terms[w]) || [];
        });
      }),
    ).then(function (lists) {
      var count = {};
      lists.forEach(function (ids) {
        ids.forEach(function (id) {
          count[id] = (count[id] || 0) + 1;
        });
      });
      var ids = Object.keys(count)
        .map(Number)
        .sort(function (a, b) {
          return count[b] - count[a] || b - a;
        })
        .slice(0, 50);
      var buckets = {};
      ids.forEach(function (id) {
        buckets[Math.floor(id / BUCKET)] = true;
      });
      return Promise.all(
        Object.keys(buckets).map(function (b) {
          return json('search/d/' + b + '.json');
        }),
      ).then(function (parts) {
        var docs = Object.assign.apply(null, [{}].concat(parts));
        show(ids, docs);
        status.textContent = ids.length ? say('search.found', ids.length) : say('search.none');
      });
    }).catch(function () {
      status.textContent = say('search.failed');
    });
  }
  var q = new URLSearchParams(location.search).get('q') || '';
  input.value = q;
  if (q) search(q);
})();
