// Draws morgan-build's charts: every element with class "morgan-chart" carries its ECharts option as
// JSON in data-option (escaped by Jelly). ECharts comes from the echarts-api plugin's adjunct.
(function () {
  function draw() {
    document.querySelectorAll('.morgan-chart:not([data-drawn])').forEach(function (el) {
      el.setAttribute('data-drawn', 'true');
      var option = JSON.parse(el.getAttribute('data-option') || '{}');
      var chart = echarts.init(el);
      chart.setOption(option);
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
