// Draws morgan-build's charts with ECharts (from the echarts-api plugin's adjunct). An element with
// class "morgan-chart" either carries its ECharts option as JSON in data-option (escaped by Jelly), or
// names in data-proxy the variable that <st:bind> defined for an object with getBuildTrendModel(); the
// option is then fetched asynchronously so the page does not wait for it. No inline script anywhere.
(function () {
  function show(el, option) {
    var chart = echarts.init(el);
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function draw() {
    document.querySelectorAll('.morgan-chart:not([data-drawn])').forEach(function (el) {
      el.setAttribute('data-drawn', 'true');
      var proxy = el.getAttribute('data-proxy');
      if (proxy && window[proxy]) {
        window[proxy].getBuildTrendModel(function (response) {
          show(el, JSON.parse(response.responseJSON));
        });
      } else {
        show(el, JSON.parse(el.getAttribute('data-option') || '{}'));
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
