// Meshline private site: opens the page sealed in this shell with the group's passphrase (docs/PRIVATE.md).
// WebCrypto only: PBKDF2-SHA-256 for the key, AES-256-GCM for each file. The key (never the passphrase) is kept in
// this tab's sessionStorage, so links between pages open without asking again; closing the tab forgets it.
'use strict';
(function () {
  var HEADER = 36; // "MLP1", 16-byte salt, 4-byte rounds, 12-byte nonce
  var data = document.getElementById('sealed');
  var form = document.getElementById('unlock');
  var input = document.getElementById('passphrase');
  var status = document.getElementById('status');
  if (!data || !form || !window.crypto || !crypto.subtle) {
    if (status) status.textContent = 'This browser cannot open private pages (it has no WebCrypto).';
    return;
  }
  var fromB64 = function (s) {
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  };
  var toB64 = function (bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s);
  };
  var sealed = fromB64(data.textContent.replace(/\s+/g, ''));
  var salt = sealed.slice(4, 20);
  var rounds = new DataView(sealed.buffer, 20, 4).getUint32(0);
  var slot = 'meshline-private:' + toB64(salt);

  function derive(passphrase) {
    return crypto.subtle
      .importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits'])
      .then(function (base) {
        return crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: rounds }, base, 256);
      })
      .then(function (bits) {
        return new Uint8Array(bits);
      });
  }

  function open(raw, bytes) {
    if (bytes.length < HEADER + 16 || String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== 'MLP1')
      return Promise.reject(new Error('not a sealed file'));
    return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']).then(function (key) {
      var iv = bytes.slice(24, HEADER);
      return crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv }, key, bytes.slice(HEADER)).then(function (plain) {
        return new Uint8Array(plain);
      });
    });
  }

  // Files of the site that pages point at (images, attachments, feeds) are sealed too: fetched and opened here.
  function openLinked(raw) {
    var own = function (url) {
      var u = new URL(url, location.href);
      return u.origin === location.origin && !/(\.html|\/)$/.test(u.pathname) && !/\.css$/.test(u.pathname);
    };
    var fetchOpen = function (url, type) {
      return fetch(url)
        .then(function (r) {
          return r.arrayBuffer();
        })
        .then(function (buf) {
          return open(raw, new Uint8Array(buf));
        })
        .then(function (plain) {
          return URL.createObjectURL(new Blob([plain], type ? { type: type } : {}));
        });
    };
    document.querySelectorAll('img[src]').forEach(function (img) {
      var src = img.getAttribute('src');
      if (!own(src)) return;
      img.removeAttribute('src');
      fetchOpen(src).then(function (blob) {
        img.src = blob;
      });
    });
    document.querySelectorAll('a[href]').forEach(function (a) {
      var href = a.getAttribute('href');
      if (!own(href)) return;
      a.addEventListener('click', function (e) {
        e.preventDefault();
        fetchOpen(href, /\.(xml|json|txt|sig)$/.test(href) ? 'text/plain' : '').then(function (blob) {
          location.href = blob;
        });
      });
    });
  }

  function show(raw) {
    return open(raw, sealed).then(function (plain) {
      var doc = new DOMParser().parseFromString(new TextDecoder().decode(plain), 'text/html');
      document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
      openLinked(raw);
    });
  }

  function ask() {
    form.hidden = false;
    input.focus();
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      status.textContent = 'Opening…';
      derive(input.value)
        .then(function (raw) {
          return show(raw).then(function () {
            sessionStorage.setItem(slot, toB64(raw));
          });
        })
        .catch(function () {
          status.textContent = 'That passphrase does not open this site.';
          input.select();
        });
    });
  }

  var kept = sessionStorage.getItem(slot);
  if (kept) show(fromB64(kept)).catch(function () {
    sessionStorage.removeItem(slot);
    ask();
  });
  else ask();
})();
