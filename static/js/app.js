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
