(function () {
  var box = document.getElementById('timeline-box');
  var svg = box ? box.querySelector('svg') : null;
  if (!svg) { return; }
  var base = svg.viewBox.baseVal.width;
  var zoom = 1;
  var label = document.getElementById('zoom-level');
  function apply() {
    var fit = box.clientWidth;
    svg.style.width = Math.round(fit * zoom) + 'px';
    svg.style.height = 'auto';
    if (label) { label.textContent = Math.round(zoom * 100) + '%'; }
  }
  function by(f, anchor) {
    var old = zoom;
    zoom = Math.min(40, Math.max(1, zoom * f));
    var a = anchor === undefined ? box.clientWidth / 2 : anchor;
    var x = box.scrollLeft + a;
    apply();
    box.scrollLeft = x * zoom / old - a;
  }
  document.getElementById('zoom-in').addEventListener('click', function () { by(1.5); });
  document.getElementById('zoom-out').addEventListener('click', function () { by(1 / 1.5); });
  document.getElementById('zoom-fit').addEventListener('click', function () { zoom = 1; apply(); box.scrollLeft = 0; });
  box.addEventListener('wheel', function (e) {
    if (!e.ctrlKey && !e.metaKey) { return; }
    e.preventDefault();
    by(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - box.getBoundingClientRect().left);
  }, { passive: false });
  window.addEventListener('resize', apply);
  if (base) { apply(); }
})();
