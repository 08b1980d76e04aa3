// Draws morgan-build's charts with ECharts (from the echarts-api plugin's adjunct). An element with
// class "morgan-chart" either carries its ECharts option as JSON in data-option (escaped by Jelly), or
// names in data-proxy the variable that <st:bind> defined for the action and in data-model the bound
// method that returns the option (getBuildTrendModel unless said); it is then fetched asynchronously
// so the page does not wait for it. No inline script anywhere.
//
// The engine's points carry "tip" (the tooltip's HTML, escaped by the engine) and "build" or
// "service"; a click follows the element's data-build-link or data-service-link with {build} or
// {service} filled in. data-height sets the element's height in pixels (the timeline: one row per service).
(function () {
  function tip(p) {
    return p.data && p.data.tip ? p.data.tip : p.name;
  }

  function target(el, p) {
    var d = p.data || {};
    if (d.build != null && el.getAttribute('data-build-link')) {
      return el.getAttribute('data-build-link').replace('{build}', encodeURIComponent(d.build));
    }
    if (d.service != null && el.getAttribute('data-service-link')) {
      return el.getAttribute('data-service-link').replace('{service}', encodeURIComponent(d.service));
    }
    return null;
  }

  function show(el, option) {
    var height = el.getAttribute('data-height');
    if (height) {
      el.style.height = height + 'px';
    }
    option.tooltip = Object.assign({}, option.tooltip || {}, { formatter: tip });
    var chart = echarts.init(el);
    chart.setOption(option);
    chart.on('click', function (p) {
      var href = target(el, p);
      if (href) {
        window.location.href = href;
      }
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function draw() {
    document.querySelectorAll('.morgan-chart:not([data-drawn])').forEach(function (el) {
      el.setAttribute('data-drawn', 'true');
      var proxy = el.getAttribute('data-proxy');
      var model = el.getAttribute('data-model') || 'getBuildTrendModel';
      if (proxy && window[proxy] && window[proxy][model]) {
        window[proxy][model](function (response) {
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
