/* Tell require.js where the vendored widget manager lives, before embed-amd.js loads.
 * The widget manager finds its icon fonts next to its own module URL; without this mapping
 * require.js places that URL beside the page and the fonts are not found. */
(function () {
  "use strict";
  var here = document.currentScript.src;
  var managerDir = new URL("vendor/html-manager", here).href;
  window.require.config({ paths: { "@jupyter-widgets/html-manager/dist": managerDir } });
})();
