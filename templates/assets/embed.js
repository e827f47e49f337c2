// Video cards: the page shows a thumbnail mirrored into the site and a link to the video; "Play here" loads the
// player from the video's host only then, on the reader's click. Without JavaScript the link is all there is.
'use strict';
(function () {
  document.querySelectorAll('figure.video[data-player]').forEach(function (fig) {
    var button = fig.querySelector('.video-play');
    var link = fig.querySelector('.video-open');
    if (!button || !link) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var frame = document.createElement('iframe');
      frame.src = fig.getAttribute('data-player');
      frame.title = fig.getAttribute('data-title') || '';
      frame.allow = 'autoplay; fullscreen; picture-in-picture';
      frame.setAttribute('allowfullscreen', '');
      frame.referrerPolicy = 'strict-origin-when-cross-origin';
      frame.className = 'video-frame';
      link.replaceWith(frame);
      button.remove();
      frame.focus();
    });
  });
})();
