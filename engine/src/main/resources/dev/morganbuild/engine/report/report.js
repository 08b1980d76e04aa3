// Draws every chart of the morgan-build report: each element with data-chart="ID" gets the ECharts
// option stored as JSON in <script type="application/json" id="ID">. Points carry "tip" (tooltip
// HTML, escaped by the engine) and "build" or "service"; a click follows data-build-link or
// data-service-link with {build} / {service} filled in.
//
// What happened is written to <pre id="report-status"> as JSON (charts, charts rendered, bars drawn
// on the timeline, script errors, location.hash), for the browser test. With ?selftest in the URL,
// animations are off and, once every chart is drawn, the first trend point is clicked.
(function () {
  var status = { charts: 0, rendered: [], timelineBars: -1, errors: [], hash: location.hash, clicked: false };
  var selftest = /[?&]selftest\b/.test(location.search);

  function write() {
    var el = document.getElementById('report-status');
    if (el) {
      el.textContent = JSON.stringify(status);
      el.setAttribute('data-done', String(status.rendered.length === status.charts));
    }
  }

  window.addEventListener('error', function (e) {
    status.errors.push(String(e.message || e));
    write();
  });
  window.addEventListener('hashchange', function () {
    status.hash = location.hash;
    write();
  });

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

  // Rendered bars of the timeline: the first segment of every row (the series after the invisible offset).
  function countBars(chart) {
    var series = chart.getModel().getSeriesByIndex(1);
    if (!series) {
      return 0;
    }
    var data = series.getData();
    var n = 0;
    for (var i = 0; i < data.count(); i++) {
      if (data.getItemGraphicEl(i)) {
        n++;
      }
    }
    return n;
  }

  // Presses the first point of the trend chart as a user would: pointer down, up and click on its pixel.
  function clickFirstPoint(el, chart) {
    var option = chart.getOption();
    for (var s = 0; s < option.series.length; s++) {
      var data = option.series[s].data;
      for (var i = 0; i < data.length; i++) {
        var v = data[i] && typeof data[i] === 'object' ? data[i].value : data[i];
        if (v !== '-' && v != null) {
          var xy = chart.convertToPixel({ seriesIndex: s }, [i, v]);
          var zr = chart.getZr().handler;
          ['mousedown', 'mouseup', 'click'].forEach(function (name) {
            zr.dispatch(name, { zrX: xy[0], zrY: xy[1], preventDefault: function () {}, stopPropagation: function () {} });
          });
          status.clicked = true;
          write();
          return;
        }
      }
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var charts = [];
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var data = document.getElementById(el.getAttribute('data-chart'));
      if (!data) {
        return;
      }
      status.charts++;
      var option = JSON.parse(data.textContent);
      option.tooltip = Object.assign({}, option.tooltip || {}, { formatter: tip });
      if (selftest) {
        option.animation = false;
      }
      var chart = echarts.init(el);
      var done = false;
      chart.on('finished', function () {
        if (done) {
          return;
        }
        done = true;
        status.rendered.push(el.getAttribute('data-chart'));
        el.setAttribute('data-rendered', 'true');
        if (el.getAttribute('data-kind') === 'timeline') {
          status.timelineBars = countBars(chart);
        }
        write();
        if (selftest && status.rendered.length === status.charts) {
          var trend = charts.filter(function (c) { return c.el.getAttribute('data-chart') === 'chart-trend'; })[0];
          if (trend) {
            clickFirstPoint(trend.el, trend.chart);
          }
        }
      });
      chart.on('click', function (p) {
        var href = target(el, p);
        if (href) {
          location.href = href;
        }
      });
      charts.push({ el: el, chart: chart });
      chart.setOption(option);
    });
    window.addEventListener('resize', function () {
      charts.forEach(function (c) { c.chart.resize(); });
    });
    write();
  });
})();
