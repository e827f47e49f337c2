// Times in the reader's own zone, as an enhancement: the page says each time in the site's zone (site.timeZone), and
// keeps it as the element's title when the reader's zone differs. Without JavaScript nothing changes.
'use strict';
(function () {
  var lang = document.documentElement.lang || undefined;
  var fmt;
  try {
    fmt = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
  } catch (e) {
    return;
  }
  document.querySelectorAll('.permalink time[datetime]').forEach(function (t) {
    var d = new Date(t.getAttribute('datetime'));
    if (isNaN(d.getTime())) return;
    var local = fmt.format(d);
    if (local === t.textContent) return;
    t.title = t.textContent;
    t.textContent = local;
  });
})();
