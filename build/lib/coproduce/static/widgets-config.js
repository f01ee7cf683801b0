/* Tell require.js where the vendored widget manager lives, before embed-amd.js loads.
 * Each widget module finds its icon fonts next to its own module URL; without these mappings
 * require.js places those URLs beside the page and the fonts are not found. The specific
 * html-manager mapping wins over the general one. */
(function () {
  "use strict";
  var here = document.currentScript.src;
  var managerDir = new URL("vendor/html-manager", here).href;
  window.require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": managerDir,
      "@jupyter-widgets": managerDir,
    },
  });
})();
