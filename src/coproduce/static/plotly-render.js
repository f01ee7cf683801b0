/* Draw every plotly chart on the page from the figure JSON that coproduce.plotly_mime wrote.
 * plotly.js is served from this site's own _static folder (no CDN).
 * Charts follow the reader's light or dark setting: in dark mode they are drawn on the page's
 * own background with light text and faint grid lines, and they are redrawn when the reader
 * switches mode. */
(function () {
  "use strict";

  var GRID_DARK = "rgba(255, 255, 255, 0.18)";
  var TRANSPARENT = "rgba(0, 0, 0, 0)";

  function isDark() {
    return document.documentElement.getAttribute("data-theme") === "dark";
  }

  function withDarkAxes(axis) {
    return Object.assign({}, axis || {}, {
      gridcolor: GRID_DARK,
      linecolor: GRID_DARK,
      zerolinecolor: GRID_DARK,
    });
  }

  /* The figure's layout, adjusted to the page's colour mode. */
  function themedLayout(layout) {
    if (!isDark()) {
      return layout;
    }
    var text = window.getComputedStyle(document.body).color || "#e6e6e6";
    var out = Object.assign({}, layout);
    out.paper_bgcolor = TRANSPARENT;
    out.plot_bgcolor = TRANSPARENT;
    out.font = Object.assign({}, layout.font || {}, { color: text });
    Object.keys(layout)
      .concat(["xaxis", "yaxis"])
      .forEach(function (key) {
        if (/^[xy]axis\d*$/.test(key)) {
          out[key] = withDarkAxes(layout[key]);
        }
      });
    var polar = layout.polar || {};
    out.polar = Object.assign({}, polar, {
      bgcolor: TRANSPARENT,
      radialaxis: withDarkAxes(polar.radialaxis),
      angularaxis: withDarkAxes(polar.angularaxis),
    });
    out.legend = Object.assign({}, layout.legend || {}, { bgcolor: TRANSPARENT });
    return out;
  }

  /* The figure JSON: in the page's data script (coproduce.sphinx_assets moves it there), or
   * still inline in a <script type="application/json"> element. */
  function specOf(container) {
    var id = container.getAttribute("data-spec");
    var moved = window.COPRODUCE_CHARTS || {};
    if (Object.prototype.hasOwnProperty.call(moved, id)) {
      return moved[id];
    }
    return JSON.parse(document.getElementById(id).textContent);
  }

  /* A figure names a shared template ("coproduce:plotly_white") instead of carrying a copy. */
  function withTemplate(layout) {
    var shared = window.COPRODUCE_PLOTLY_TEMPLATES || {};
    if (typeof layout.template === "string" && shared[layout.template]) {
      return Object.assign({}, layout, { template: shared[layout.template] });
    }
    return layout;
  }

  function draw(container, spec) {
    var config = Object.assign({ responsive: true, displaylogo: false }, spec.config || {});
    var figure = {
      data: spec.data || [],
      layout: themedLayout(withTemplate(spec.layout || {})),
      frames: spec.frames || [],
      config: config,
    };
    if (container.getAttribute("data-drawn") === "true") {
      window.Plotly.react(container, figure);
    } else {
      container.setAttribute("data-drawn", "true");
      window.Plotly.newPlot(container, figure);
    }
  }

  function charts() {
    return document.querySelectorAll("div.coproduce-plotly-chart[data-spec]");
  }

  function drawAll() {
    if (!window.Plotly) {
      console.error("coproduce: plotly.js did not load, so charts cannot be drawn.");
      return;
    }
    charts().forEach(function (container) {
      if (container.getAttribute("data-drawn") !== "true") {
        draw(container, specOf(container));
      }
    });
    var mode = isDark();
    new MutationObserver(function () {
      if (isDark() !== mode) {
        mode = isDark();
        charts().forEach(function (container) {
          draw(container, specOf(container));
        });
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
