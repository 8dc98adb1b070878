// The admin's per-language fields (title [en], title [ru], title [az]) as tabs, one field at a time.
// Without JavaScript the fields simply stand one under the other.
(function () {
  "use strict";
  var pattern = /\bmt-field-(.+)-([a-z]{2})\b/;
  var pageLanguage = document.documentElement.lang || "en";

  function languageName(code) {
    try {
      var name = new Intl.DisplayNames([pageLanguage], { type: "language" }).of(code);
      return name.charAt(0).toUpperCase() + name.slice(1);
    } catch (error) {
      return code.toUpperCase();
    }
  }

  // The per-language rows within `root`: the form's own, and those of each stacked inline's item,
  // each item's apart (a tabular inline has a column per language, which cannot be tabs).
  function groups(root) {
    var found = {};
    var order = [];
    root.querySelectorAll("[class*='mt-field-']").forEach(function (input) {
      var match = pattern.exec(input.className);
      var row = input.closest(".form-row");
      if (!match || !row || row.closest(".tabular, .empty-form")) {
        return;
      }
      var item = row.closest(".inline-related");
      var key = (item ? item.id + "-" : "") + match[1];
      if (!found[key]) {
        found[key] = [];
        order.push(key);
      }
      if (!found[key].some(function (field) { return field.row === row; })) {
        found[key].push({ row: row, language: match[2] });
      }
    });
    return order.map(function (key) { return { key: key, fields: found[key] }; });
  }

  function select(tabs, fields, index) {
    tabs.forEach(function (tab, i) {
      var selected = i === index;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      fields[i].row.hidden = !selected;
    });
  }

  function build() {
    var main = document.getElementById("content-main");
    if (main) {
      groups(main).forEach(buildTabs);
    }
  }

  function buildTabs(group) {
    if (group.fields.length < 2) {
      return;
    }
    var list = document.createElement("div");
    list.className = "translation-tabs";
    list.setAttribute("role", "tablist");
    var tabs = group.fields.map(function (field, i) {
      var tab = document.createElement("button");
      var id = "tab-" + group.key + "-" + field.language;
      tab.type = "button";
      tab.id = id;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", field.row.id || (field.row.id = "row-" + group.key + "-" + field.language));
      tab.textContent = languageName(field.language);
      if (field.row.querySelector(".errorlist")) {
        tab.classList.add("has-errors");
      }
      field.row.setAttribute("role", "tabpanel");
      field.row.setAttribute("aria-labelledby", id);
      tab.addEventListener("click", function () { select(tabs, group.fields, i); });
      tab.addEventListener("keydown", function (event) {
        var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (next === undefined) {
          return;
        }
        event.preventDefault();
        next = (next + tabs.length) % tabs.length;
        select(tabs, group.fields, next);
        tabs[next].focus();
      });
      list.appendChild(tab);
      return tab;
    });
    group.fields[0].row.parentNode.insertBefore(list, group.fields[0].row);
    var withErrors = tabs.findIndex(function (tab) { return tab.classList.contains("has-errors"); });
    select(tabs, group.fields, withErrors === -1 ? 0 : withErrors);
  }

  // The admin loads its form media in the head, before the form.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
  // A stacked inline's new item ("Add another"), copied from the template item, which has no tabs.
  document.addEventListener("formset:added", function (event) {
    groups(event.target).forEach(buildTabs);
  });
})();
