// The platform's one script of its own. No inline scripts: the Content-Security-Policy forbids them.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Forms marked data-autosubmit send themselves when a field changes (filters, the language switch).
  document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
    form.addEventListener("change", () => form.requestSubmit());
  });
});

// Long pick-lists (organisations of the alliance) get a search box: typing narrows the options.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-search]").forEach((select) => {
    const search = document.createElement("input");
    search.type = "search";
    search.className = "form-control form-control-sm mb-1";
    search.placeholder = select.dataset.searchPlaceholder || "…";
    search.setAttribute("aria-label", select.dataset.searchLabel || "Search");
    search.setAttribute("aria-controls", select.id);
    search.addEventListener("input", () => {
      const words = search.value.trim().toLowerCase();
      let first = null;
      Array.from(select.options).forEach((option) => {
        const match = !words || option.value === "" || option.text.toLowerCase().includes(words);
        option.hidden = !match;
        if (match && option.value !== "" && first === null) first = option;
      });
      const current = select.options[select.selectedIndex];
      if (words && first !== null && (!current || current.hidden || current.value === "")) {
        select.value = first.value;
      }
    });
    select.before(search);
  });
});

// Tables scroll inside their own box, never the page (a phone is 390 px wide): a table without a
// .table-responsive around it gets one. A box whose table is wider than it is a region that keyboard users can
// reach and scroll, named after its table (its caption, else the heading before it, else the page's title).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("main table").forEach((table) => {
    if (table.parentElement.classList.contains("table-responsive")) return;
    const box = document.createElement("div");
    box.className = "table-responsive";
    table.before(box);
    box.append(table);
  });

  const nameOf = (box) => {
    const table = box.querySelector("table");
    const caption = table && table.caption ? table.caption.textContent : "";
    if (caption.trim()) return caption.trim();
    if (table && table.getAttribute("aria-label")) return table.getAttribute("aria-label");
    for (let node = box; node && node.tagName !== "MAIN"; node = node.parentElement) {
      for (let before = node.previousElementSibling; before; before = before.previousElementSibling) {
        const heading = before.matches("h1, h2, h3, h4, h5, h6") ? before : before.querySelector("h1, h2, h3, h4");
        if (heading && heading.textContent.trim()) return heading.textContent.trim();
      }
    }
    return document.title.split(" · ")[0];
  };

  const mark = () => {
    document.querySelectorAll("main .table-responsive").forEach((box) => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOf(box));
        box.dataset.scrollRegion = "";
      } else if (!scrolls && "scrollRegion" in box.dataset) {
        ["tabindex", "role", "aria-label", "data-scroll-region"].forEach((name) => box.removeAttribute(name));
      }
    });
  };
  mark();
  window.addEventListener("resize", mark);
  document.body.addEventListener("htmx:afterSettle", mark);
});
