// Draws every chart of the morgan-build report: each element with data-chart="ID" gets the ECharts
// option stored as JSON in <script type="application/json" id="ID">.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var data = document.getElementById(el.getAttribute('data-chart'));
    if (!data) {
      return;
    }
    var chart = echarts.init(el);
    chart.setOption(JSON.parse(data.textContent));
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
