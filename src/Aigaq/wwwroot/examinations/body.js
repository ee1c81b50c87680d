// The body diagram (Examinations/Report/_BodyDiagram.cshtml): a tap, click, Enter or Space on a region writes
// { view, region, x, y } into the hidden fields view, bodyRegion, x, y (x, y fractions 0..1 of the view's drawing,
// 0,0 top left) and draws the marker there. No library: it must work on an old phone on a slow line.
(function () {
  'use strict';
  var svgNs = 'http://www.w3.org/2000/svg';

  function round(n) {
    return Math.round(Math.min(1, Math.max(0, n)) * 10000) / 10000;
  }

  function init(root) {
    var fields = {};
    ['view', 'bodyRegion', 'x', 'y'].forEach(function (name) {
      fields[name] = root.querySelector('input[name="' + name + '"]');
    });
    var choice = root.querySelector('[data-body-choice]');
    var marker = null;

    function select(shape, fx, fy) {
      var svg = shape.ownerSVGElement;
      var box = svg.viewBox.baseVal;
      var x = round(fx);
      var y = round(fy);
      fields.view.value = shape.getAttribute('data-view');
      fields.bodyRegion.value = shape.getAttribute('data-region');
      fields.x.value = String(x);
      fields.y.value = String(y);
      if (marker) {
        marker.parentNode.removeChild(marker);
      }
      marker = document.createElementNS(svgNs, 'circle');
      marker.setAttribute('class', 'body-marker chosen');
      marker.setAttribute('cx', String(x * box.width));
      marker.setAttribute('cy', String(y * box.height));
      marker.setAttribute('r', '6');
      svg.appendChild(marker);
      root.querySelectorAll('.body-region[aria-pressed]').forEach(function (s) { s.removeAttribute('aria-pressed'); });
      shape.setAttribute('aria-pressed', 'true');
      if (choice) {
        choice.textContent = (root.getAttribute('data-marked-text') || '{0}, {1}')
          .replace('{0}', shape.getAttribute('data-name'))
          .replace('{1}', svg.getAttribute('data-view-name'));
      }
      root.dispatchEvent(new CustomEvent('bodyregion', { bubbles: true, detail: { view: fields.view.value, region: fields.bodyRegion.value, x: x, y: y } }));
    }

    root.querySelectorAll('.body-region').forEach(function (shape) {
      shape.addEventListener('click', function (e) {
        var svg = shape.ownerSVGElement;
        var box = svg.viewBox.baseVal;
        var point = svg.createSVGPoint();
        point.x = e.clientX;
        point.y = e.clientY;
        var p = point.matrixTransform(svg.getScreenCTM().inverse());
        select(shape, p.x / box.width, p.y / box.height);
      });
      shape.addEventListener('keydown', function (e) {
        if (e.key !== 'Enter' && e.key !== ' ') {
          return;
        }
        e.preventDefault();
        var svg = shape.ownerSVGElement;
        var box = svg.viewBox.baseVal;
        var b = shape.getBBox();
        select(shape, (b.x + b.width / 2) / box.width, (b.y + b.height / 2) / box.height);
      });
    });
  }

  document.querySelectorAll('[data-body-diagram].editable').forEach(init);
})();
