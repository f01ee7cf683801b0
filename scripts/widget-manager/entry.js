/* The guide's widget manager: draws the ipywidgets saved in a notebook page, with nothing but
 * the ipywidgets 8 JavaScript packages the page needs (@jupyter-widgets/base and controls).
 *
 * It does what @jupyter-widgets/html-manager's embed script does (libembed.ts renderWidgets and
 * htmlmanager.ts HTMLManager, ipywidgets 8.1), without what the guide never uses and which makes
 * that script 3.6 MB: the Output widget and JupyterLab's rendermime, the ipywidgets 7 models,
 * the JSON-schema validator, require.js and Font Awesome 5 (button icons use the theme's Font
 * Awesome). scripts/vendor_widget_js.sh bundles it with esbuild from the packages pinned in
 * package-lock.json beside this file. */
import * as base from "@jupyter-widgets/base";
import { ManagerBase } from "@jupyter-widgets/base-manager";
import * as controls from "@jupyter-widgets/controls";
import { MessageLoop } from "@lumino/messaging";
import { Widget } from "@lumino/widgets";

import "@lumino/widgets/style/index.css";
import "@jupyter-widgets/controls/css/widgets-base.css";
// html-manager adds JupyterLab's colour variables when the page has none; a static page has none.
import "@jupyter-widgets/controls/css/labvariables.css";

const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";
/* The ipywidgets 8 model modules (model_module_version 2.x), by name. */
const MODULES = {
  "@jupyter-widgets/base": base,
  "@jupyter-widgets/controls": controls,
};

class GuideWidgetManager extends ManagerBase {
  constructor() {
    super();
    this._views = new Set();
    window.addEventListener("resize", () => {
      this._views.forEach((view) => {
        MessageLoop.postMessage(view.luminoWidget, Widget.ResizeMessage.UnknownSize);
      });
    });
  }

  loadClass(className, moduleName, moduleVersion) {
    const module = MODULES[moduleName];
    if (module && String(moduleVersion).startsWith("2.") && module[className]) {
      return Promise.resolve(module[className]);
    }
    return Promise.reject(
      new Error(
        `The guide's widget manager cannot draw ${className} from ${moduleName}@${moduleVersion} ` +
          "(it has the ipywidgets 8 base and controls models only)."
      )
    );
  }

  /* A static page has no kernel: widgets keep their saved state and send nothing. */
  _get_comm_info() {
    return Promise.resolve({});
  }

  _create_comm() {
    return Promise.resolve({ on_close() {}, on_msg() {}, close() {} });
  }

  async display_view(view, element) {
    let shown;
    try {
      shown = await view;
    } catch (error) {
      const message = `Could not create a view for ${view}`;
      console.error(message);
      const ErrorModel = base.createErrorWidgetModel(error, message);
      shown = new base.ErrorWidgetView({ model: new ErrorModel() });
      shown.render();
    }
    Widget.attach(shown.luminoWidget, element);
    this._views.add(shown);
    shown.once("remove", () => this._views.delete(shown));
  }
}

/* The page's saved widget state: inline, or in the page's own data script
 * (coproduce.sphinx_assets moves large states out of the HTML). */
function savedStates() {
  const states = Array.from(document.querySelectorAll(`script[type="${STATE_TYPE}"]`)).map(
    (tag) => JSON.parse(tag.textContent)
  );
  return states.concat(window.COPRODUCE_WIDGET_STATES || []);
}

async function renderState(state) {
  const manager = new GuideWidgetManager();
  const models = await manager.set_state(state);
  const tags = document.querySelectorAll(`script[type="${VIEW_TYPE}"]`);
  await Promise.all(
    Array.from(tags).map(async (tag) => {
      const wanted = JSON.parse(tag.textContent).model_id;
      const model = models.find((item) => item.model_id === wanted);
      if (model === undefined || tag.parentElement === null) {
        return;
      }
      const area = document.createElement("div");
      area.className = "widget-subarea";
      tag.parentElement.insertBefore(area, tag);
      await manager.display_view(manager.create_view(model), area);
    })
  );
}

function renderAll() {
  savedStates().forEach((state) => {
    renderState(state).catch((error) => console.error("coproduce: widgets not drawn", error));
  });
}

if (!window.COPRODUCE_WIDGET_MANAGER) {
  window.COPRODUCE_WIDGET_MANAGER = { modules: MODULES };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
}
