/* Give widget controls the accessible names the widget library leaves out.
 * Slider handles (role="slider") carry no name, so a screen reader announces only a number;
 * each gets the text of its widget's label. Widgets render after the page loads, so this
 * watches the page and labels controls as they appear. */
(function () {
  "use strict";

  function labelFor(element) {
    var widget = element.closest(".widget-inline-hbox, .widget-inline-vbox, .jupyter-widgets");
    var label = widget ? widget.querySelector(".widget-label") : null;
    var text = label ? label.textContent.trim() : "";
    return text || "Value";
  }

  function labelControls(root) {
    root.querySelectorAll('[role="slider"]:not([aria-label]):not([aria-labelledby])').forEach(
      function (handle) {
        handle.setAttribute("aria-label", labelFor(handle));
      }
    );
  }

  function start() {
    labelControls(document);
    new MutationObserver(function () {
      labelControls(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
