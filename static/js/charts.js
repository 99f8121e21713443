// Draws every chart of a dashboard page: each figure arrives as JSON in a <script type="application/json">
// (Django's json_script) next to an empty <div data-figure="its id">. No inline scripts, no eval: plotly's strict
// bundle and our own stylesheet for plotly's rules keep the Content-Security-Policy strict.
"use strict";

(() => {
  const danish = (document.documentElement.lang || "en").startsWith("da");

  // Danish month and day names for date axes, and Danish words on plotly's toolbar.
  const DANISH = {
    moduleType: "locale",
    name: "da",
    dictionary: {
      "Download plot as a png": "Hent som PNG",
      "Download plot as a PNG": "Hent som PNG",
      "Download plot": "Hent figuren",
      "Zoom": "Zoom",
      "Pan": "Panorer",
      "Zoom in": "Zoom ind",
      "Zoom out": "Zoom ud",
      "Autoscale": "Autoskaler",
      "Reset axes": "Nulstil akser",
      "Show closest data on hover": "Vis nærmeste data ved hover",
      "Compare data on hover": "Sammenlign data ved hover",
      "Box Select": "Boksmarkering",
      "Lasso Select": "Lassomarkering",
      "Double-click on legend to isolate one trace": "Dobbeltklik på en forklaring for at vise den alene",
      "Click to enter Colorscale title": "Klik for at skrive farveskalaens titel",
    },
    format: {
      days: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
      shortDays: ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
      months: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
        "november", "december"],
      shortMonths: ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
      date: "%d.%m.%Y",
      decimal: ",",
      thousands: ".",
    },
  };

  function svgButton(filename) {
    return {
      name: "downloadSvg",
      title: danish ? "Hent som SVG" : "Download plot as an SVG",
      icon: window.Plotly.Icons.disk,
      click: (graph) => window.Plotly.downloadImage(graph, { format: "svg", filename: filename }),
    };
  }

  // A figure's view switches (plotly "updatemenus" of buttons) become real buttons above the chart: plotly draws
  // them as SVG that a keyboard cannot reach, and on a narrow chart they ran into the stamp and the toolbar.
  function viewButtons(container, menus) {
    const group = document.createElement("div");
    group.className = "chart-views btn-group btn-group-sm";
    group.setAttribute("role", "group");
    menus.forEach((menu) => {
      (menu.buttons || []).forEach((item, index) => {
        if (item.method !== "restyle") return;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-outline-secondary";
        button.textContent = item.label;
        const pressed = index === (menu.active || 0);
        button.setAttribute("aria-pressed", String(pressed));
        button.classList.toggle("active", pressed);
        button.addEventListener("click", () => {
          window.Plotly.restyle(container, item.args[0]);
          group.querySelectorAll("button").forEach((other) => {
            other.setAttribute("aria-pressed", "false");
            other.classList.remove("active");
          });
          button.setAttribute("aria-pressed", "true");
          button.classList.add("active");
        });
        group.appendChild(button);
      });
    });
    if (group.childElementCount) container.before(group);
  }

  function draw(container) {
    const source = document.getElementById(container.dataset.figure);
    if (!source) return;
    const figure = JSON.parse(source.textContent);
    const layout = Object.assign({}, figure.layout, { separators: danish ? ",." : ".,", autosize: true });
    if (layout.updatemenus && layout.updatemenus.length) {
      viewButtons(container, layout.updatemenus);
      layout.updatemenus = [];
    }
    const filename = container.dataset.figure.replace(/^figure-/, "");
    const config = {
      responsive: true,
      displaylogo: false,
      locale: danish ? "da" : "en",
      // "Share chart" would upload the figure to Plotly Cloud: our data stays with us.
      showSendToCloud: false,
      // A short toolbar (save as PNG or SVG, reset the axes): it keeps to the top right corner, clear of the
      // "illustrative" stamp at the top left, and it is three tab stops per chart instead of eight.
      modeBarButtonsToRemove: ["select2d", "lasso2d", "sendChartToCloud", "zoom2d", "pan2d", "zoomIn2d",
        "zoomOut2d", "autoScale2d", "hoverClosestCartesian", "hoverCompareCartesian", "toggleSpikelines"],
      modeBarButtonsToAdd: [svgButton(filename)],
      toImageButtonOptions: { format: "png", filename: filename, scale: 2 },
    };
    window.Plotly.newPlot(container, figure.data, layout, config);
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.Plotly) return;
    window.Plotly.register(DANISH);
    document.querySelectorAll("[data-figure]").forEach(draw);
  });
})();
