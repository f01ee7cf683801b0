/* Draw every plotly chart on the page from the figure JSON that coproduce.plotly_mime wrote.
 * plotly.min.js is served from this site's own _static folder (no CDN). */
(function () {
  "use strict";

  function drawChart(container) {
    if (container.getAttribute("data-drawn") === "true") {
      return;
    }
    var specElement = document.getElementById(container.getAttribute("data-spec"));
    var spec = JSON.parse(specElement.textContent);
    var config = Object.assign({ responsive: true, displaylogo: false }, spec.config || {});
    container.setAttribute("data-drawn", "true");
    window.Plotly.newPlot(container, {
      data: spec.data || [],
      layout: spec.layout || {},
      frames: spec.frames || [],
      config: config,
    });
  }

  function drawAll() {
    if (!window.Plotly) {
      console.error("coproduce: plotly.js did not load, so charts cannot be drawn.");
      return;
    }
    document.querySelectorAll("div.coproduce-plotly-chart[data-spec]").forEach(drawChart);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
