// Draws the funnel with Chart.js from the figures the page carries; the table stays the text of record.
(function () {
  var data = document.getElementById('funnel-data');
  var canvas = document.getElementById('funnel-chart');
  if (!data || !canvas || typeof Chart === 'undefined') {
    return;
  }

  var figures = JSON.parse(data.textContent);
  canvas.dataset.ready = 'false';
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: figures.labels,
      datasets: [{ label: figures.label, data: figures.values, backgroundColor: ['#0b3d5c', '#1f6f8b', '#c0392b', '#7b241c'] }]
    },
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
    }
  });
  canvas.dataset.ready = 'true';
})();
