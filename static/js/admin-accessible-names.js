// Widgets that scripts build over a form field (the searchable select of an autocomplete field,
// the rich text editor) take the name of the field's label, so that a screen reader says which
// field they are. Without scripts the field itself is shown, with its label.
(function () {
  "use strict";

  function labelFor(field) {
    var label = field && field.id && document.querySelector("label[for='" + field.id + "']");
    if (label && !label.id) {
      label.id = field.id + "-label";
    }
    return label;
  }

  // Named by the label, then by what the widget already names itself with (the chosen value).
  function name(widget, field) {
    var label = labelFor(field);
    if (label && !widget.hasAttribute("data-named")) {
      var own = widget.getAttribute("aria-labelledby");
      widget.setAttribute("aria-labelledby", own && own !== label.id ? label.id + " " + own : label.id);
      widget.setAttribute("data-named", "");
    }
  }

  function nameWidgets(root) {
    // Select2 puts its combobox right after the <select> it stands for.
    root.querySelectorAll("select.admin-autocomplete + .select2 .select2-selection[role=combobox]").forEach(
      function (combobox) {
        var field = combobox.closest(".select2").previousElementSibling;
        // The chosen value is shown in a textbox of its own, empty while nothing is chosen.
        combobox.querySelectorAll("[role=textbox]").forEach(function (shown) { name(shown, field); });
        name(combobox, field);
      }
    );
    // django-prose-editor's editor sits beside the textarea it writes to, in the same wrapper.
    root.querySelectorAll(".prose-editor [contenteditable]").forEach(function (editor) {
      name(editor, editor.closest(".prose-editor").querySelector("textarea"));
    });
  }

  function start() {
    nameWidgets(document);
    // The widgets come up after the page (the editor's modules load on their own), and with each
    // inline added: name them as they appear.
    new MutationObserver(function () { nameWidgets(document); }).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
