// Draws every chart of a dashboard page: each figure arrives as JSON in a <script type="application/json">
// (Django's json_script) next to an empty <div data-figure="its id">. No inline scripts, no eval: plotly's strict
// bundle and our own stylesheet for plotly's rules keep the Content-Security-Policy strict.
"use strict";

(() => {
  const danish = (document.documentElement.lang || "en").startsWith("da");

  // Danish month and day names for date axes, and Danish words in plotly's few messages of its own.
  const DANISH = {
    moduleType: "locale",
    name: "da",
    dictionary: {
      "Double-click on legend to isolate one trace": "Dobbeltklik på en forklaring for at vise den alene",
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

  // A file handed to the browser as a download, from a data: address (the CSP lets images load from data: only,
  // so plotly's own PNG export, which loads the drawing from a blob: address, is blocked).
  function save(address, filename) {
    const link = document.createElement("a");
    link.href = address;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  }

  // The chart as drawn, at its size on the page: as SVG, or as PNG at twice the pixels (sharp in a document).
  function download(container, format, filename) {
    const size = { width: container._fullLayout.width, height: container._fullLayout.height };
    window.Plotly.toImage(container, Object.assign({ format: "svg" }, size)).then((svg) => {
      if (format === "svg") {
        save(svg, `${filename}.svg`);
        return;
      }
      const image = new Image();
      image.addEventListener("load", () => {
        const canvas = document.createElement("canvas");
        canvas.width = size.width * 2;
        canvas.height = size.height * 2;
        canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
        save(canvas.toDataURL("image/png"), `${filename}.png`);
      });
      image.src = svg;
    });
  }

  // A chart's "Download as PNG" and "Download as SVG" buttons (beside its CSV link, outside the role="img" box):
  // the server sends them hidden, and they show once there is a drawn chart for them to save.
  function downloadButtons(container, filename) {
    document.querySelectorAll(`[data-chart-download][data-chart="${container.dataset.figure}"]`).forEach((button) => {
      button.addEventListener("click", () => download(container, button.dataset.chartDownload, filename));
      button.hidden = false;
    });
  }

  // A figure's view switches (plotly "updatemenus" of buttons) become real buttons above the chart: plotly draws
  // them as SVG that a keyboard cannot reach, and on a narrow chart they ran into the stamp and the toolbar.
  function viewButtons(container, menus) {
    const group = document.createElement("div");
    group.className = "chart-views btn-group btn-group-sm";
    group.setAttribute("role", "group");
    // named by the chart's heading: "Aktiviteter over tid", group of "Efter status" and "Efter spor"
    const heading = document.getElementById(container.dataset.figure.replace(/^figure-/, "title-"));
    if (heading) group.setAttribute("aria-labelledby", heading.id);
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
    // On a phone a legend beside the drawing (the partner network's) leaves the drawing a thumbnail: it goes
    // above it, the chart grows by as much as the legend takes, and the "illustrative" stamp, which sits above
    // the drawing, moves to its lower left corner (empty in a network, whose nodes stand on a circle).
    if (container.clientWidth < 576 && layout.legend && layout.legend.orientation === "v") {
      const entries = figure.data.filter((trace) => trace.showlegend !== false).length;
      layout.legend = Object.assign({}, layout.legend, { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" });
      layout.height = (layout.height || 340) + 20 * entries;
      layout.annotations = (layout.annotations || []).map((note) =>
        note.name === "illustrative" ? Object.assign({}, note, { y: 0, yanchor: "bottom", yshift: 0 }) : note);
    }
    if (layout.updatemenus && layout.updatemenus.length) {
      viewButtons(container, layout.updatemenus);
      layout.updatemenus = [];
    }
    const filename = container.dataset.figure.replace(/^figure-/, "");
    const config = {
      responsive: true,
      // No plotly toolbar: its buttons would sit inside the chart's role="img" box, where assistive technology
      // cannot name them, and add tab stops to every chart. Our own buttons below the chart save it instead.
      displayModeBar: false,
      locale: danish ? "da" : "en",
    };
    window.Plotly.newPlot(container, figure.data, layout, config).then(() => downloadButtons(container, filename));
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.Plotly) return;
    window.Plotly.register(DANISH);
    document.querySelectorAll("[data-figure]").forEach(draw);
  });
})();
