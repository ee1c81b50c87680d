// Draws each chart of the statistics page with Chart.js from the figures the page carries (a JSON script named by the
// canvas's data-figures); the table beside each chart stays the text of record. A count that is not published has no
// bar or point: its mark ("<5" or "x") is drawn in its place on a hatched ground, never a bar of zero. Each canvas
// says what it drew in data-marks (the marks, in order) and data-ready.
(function () {
  if (typeof Chart === 'undefined') {
    return;
  }

  var hatch = null;
  function pattern(ctx) {
    if (!hatch) {
      var tile = document.createElement('canvas');
      tile.width = 8;
      tile.height = 8;
      var t = tile.getContext('2d');
      t.strokeStyle = '#888';
      t.lineWidth = 1;
      t.beginPath();
      t.moveTo(0, 8);
      t.lineTo(8, 0);
      t.stroke();
      hatch = ctx.createPattern(tile, 'repeat');
    }

    return hatch;
  }

  // Draws the marks of the counts not published where their bars or points would be.
  var suppressed = {
    id: 'suppressed',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var horizontal = chart.options.indexAxis === 'y';
      var category = horizontal ? chart.scales.y : chart.scales.x;
      var value = horizontal ? chart.scales.x : chart.scales.y;
      var drawn = [];
      ctx.save();
      ctx.font = 'bold 12px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      chart.data.datasets.forEach(function (dataset, d) {
        (dataset.marks || []).forEach(function (mark, i) {
          if (!mark) {
            return;
          }

          var width = ctx.measureText(mark).width + 8;
          var height = 16;
          var x;
          var y;
          if (horizontal) {
            x = value.getPixelForValue(0) + 2;
            y = category.getPixelForValue(i) - height / 2 + (d - (chart.data.datasets.length - 1) / 2) * height;
          } else {
            x = category.getPixelForValue(i) - width / 2;
            y = value.getPixelForValue(0) - height - 2 - d * (height + 2);
          }

          ctx.fillStyle = pattern(ctx);
          ctx.fillRect(x, y, width, height);
          ctx.strokeStyle = dataset.borderColor || '#555';
          ctx.strokeRect(x, y, width, height);
          ctx.fillStyle = '#222';
          ctx.fillText(mark, x + 4, y + height / 2);
          drawn.push(mark);
        });
      });
      ctx.restore();
      chart.canvas.dataset.marks = JSON.stringify(drawn);
    }
  };

  // Long category names in lines of a few words, so that a phone shows them whole beside the bars.
  function wrap(label, width) {
    var words = String(label).split(' ');
    var lines = [];
    var line = '';
    words.forEach(function (word) {
      if (line && (line + ' ' + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + ' ' + word : word;
      }
    });
    lines.push(line);
    return lines.length > 1 ? lines : label;
  }

  document.querySelectorAll('canvas[data-figures]').forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.figures);
    if (!source) {
      return;
    }

    var figures = JSON.parse(source.textContent);
    canvas.dataset.ready = 'false';
    var line = figures.line === true;
    new Chart(canvas, {
      type: line ? 'line' : 'bar',
      data: {
        labels: figures.horizontal
          ? figures.labels.map(function (l) { return wrap(l, canvas.parentElement.clientWidth < 480 ? 16 : 32); })
          : figures.labels,
        datasets: figures.datasets.map(function (s) {
          return {
            label: s.label,
            data: s.values,
            marks: s.marks,
            backgroundColor: s.color,
            borderColor: s.color,
            spanGaps: false
          };
        })
      },
      options: {
        indexAxis: figures.horizontal ? 'y' : 'x',
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: figures.datasets.length > 1 },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ': ' + item.formattedValue + (figures.percent ? ' %' : '');
              }
            }
          }
        },
        scales: (function () {
          var values = { beginAtZero: true, ticks: { precision: 0 } };
          if (figures.percent) {
            values.max = 100;
            values.ticks.callback = function (v) { return v + ' %'; };
          }

          // Every category named, none skipped for want of room (the chart's height holds them).
          var categories = { ticks: { autoSkip: !figures.horizontal } };
          return figures.horizontal ? { x: values, y: categories } : { y: values, x: categories };
        })()
      },
      plugins: [suppressed]
    });
    canvas.dataset.ready = 'true';
  });
})();
