// The platform's one script of its own. No inline scripts: the Content-Security-Policy forbids them.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Forms marked data-autosubmit send themselves when a field changes (filters, the language switch).
  document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
    form.addEventListener("change", () => form.requestSubmit());
  });
});

// A form sent back with errors opens at its error summary (templates/core/error_summary.html): focus goes there,
// so a screen reader reads what to correct, and each item's link leads to its field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
  // a form that htmx sent and swapped back with errors (the activity's log) does the same
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const found = event.target.querySelector && event.target.querySelector("[data-error-summary]");
    if (found) found.focus();
  });
});

// Long pick-lists (organisations of the alliance) get a search box: typing narrows the options.
function makeSearchable(select) {
  const search = document.createElement("input");
  search.type = "search";
  search.className = "form-control form-control-sm mb-1";
  search.placeholder = select.dataset.searchPlaceholder || "…";
  // named after its list ("Søg i listen: Organisation"), and in a row of a form after the row too: two boxes
  // both called "Søg i listen" left a screen reader user guessing which list each one narrows
  const label = select.id && document.querySelector(`label[for="${select.id}"]`);
  const listName = label ? label.textContent.replace("*", "").trim() : "";
  search.setAttribute("aria-label", (select.dataset.searchLabel || "Search") + (listName ? `: ${listName}` : ""));
  const row = select.closest("fieldset[aria-labelledby]");
  if (row) search.setAttribute("aria-describedby", row.getAttribute("aria-labelledby"));
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
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-search]").forEach(makeSearchable);
});

// A field marked data-shown-when="status=stopped" shows only while that choice is made ("Why it stopped").
// Without JavaScript it is always shown.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-shown-when]").forEach((field) => {
    const [name, value] = field.dataset.shownWhen.split("=");
    const control = field.form && field.form.elements.namedItem(name);
    if (!control) return;
    const wrapper = document.getElementById(`div_${field.id}`) || field.parentElement;
    const update = () => {
      wrapper.hidden = control.value !== value;
    };
    control.addEventListener("change", update);
    update();
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

// Rows of a formset (the organisations taking part in an activity) are added and removed in place.
// The server sends its rows, a few empty ones (enough without JavaScript) and a <template> of an empty row whose
// names hold "__prefix__". Here empty rows at the end are dropped but one, "Add" copies the template with the
// next number and raises TOTAL_FORMS, and "Remove row" hides a new row and marks it deleted.
function setUpFormset(fieldset) {
  const prefix = fieldset.dataset.formset;
  const rows = fieldset.querySelector("[data-formset-rows]");
  const template = fieldset.querySelector("template[data-formset-template]");
  const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const add = fieldset.querySelector("[data-formset-add]");
  const most = fieldset.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`);
  if (!rows || !template || !total || !add) return;
  const full = () => {
    add.disabled = Boolean(most) && Number(total.value) >= Number(most.value);
  };

  const visibleRows = () => Array.from(rows.querySelectorAll("[data-formset-row]")).filter((row) => !row.hidden);
  const renumber = () => {
    visibleRows().forEach((row, index) => {
      const number = row.querySelector("[data-row-number]");
      if (number) number.textContent = String(index + 1);
    });
  };
  const enableRemove = (row) => {
    const remove = row.querySelector("[data-formset-remove]");
    const deleted = row.querySelector("[data-formset-delete]");
    if (remove && deleted) {
      remove.hidden = false;
      remove.addEventListener("click", () => {
        deleted.value = "on";
        row.hidden = true;
        renumber();
        add.focus();
      });
    }
    const tick = row.querySelector('input[type="checkbox"][name$="-DELETE"]');
    const note = row.querySelector("[data-removed-note]");
    if (tick && note) {
      const mark = () => {
        note.hidden = !tick.checked;
        row.classList.toggle("participation-removed", tick.checked);
      };
      tick.addEventListener("change", mark);
      mark();
    }
  };

  // Spare empty rows at the end go (the page lists what there is); one stays when there would be none.
  let spares = Array.from(rows.querySelectorAll("[data-formset-row]"));
  while (spares.length && spares[spares.length - 1].hasAttribute("data-spare")) {
    const last = spares.pop();
    if (spares.length === 0) break;
    last.remove();
    total.value = String(Number(total.value) - 1);
  }
  rows.querySelectorAll("[data-formset-row]").forEach(enableRemove);

  add.hidden = false;
  add.addEventListener("click", () => {
    const index = Number(total.value);
    const holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replaceAll("__prefix__", String(index));
    const row = holder.querySelector("[data-formset-row]");
    rows.append(row);
    total.value = String(index + 1);
    row.querySelectorAll("select[data-search]").forEach(makeSearchable);
    enableRemove(row);
    renumber();
    const first = row.querySelector("input:not([type=hidden]), select, textarea");
    full();
    if (first) first.focus();
  });
  full();
  renumber();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("fieldset[data-formset]").forEach(setUpFormset);
});
