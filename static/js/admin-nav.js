// On a tablet the admin's sidebar of models takes a third of the width from the form: it starts
// closed there, until the person opens it (Django's nav_sidebar.js then remembers their choice).
// Runs before nav_sidebar.js, which is deferred and reads the remembered choice.
(function () {
  "use strict";
  var key = "django.admin.navSidebarIsOpen";
  try {
    if (localStorage.getItem(key) === null && window.matchMedia("(max-width: 1024px)").matches) {
      localStorage.setItem(key, "false");
    }
  } catch (error) {
    // Storage refused (private mode): the sidebar stays as Django shows it.
  }
})();
