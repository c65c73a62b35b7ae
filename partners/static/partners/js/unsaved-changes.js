/*
 * Warn before leaving a form with unsaved changes (progressive enhancement: without this
 * script the form works the same, only without the warning).
 *
 * A form with the attribute data-unsaved-warning becomes "dirty" (data-dirty="true") on any
 * input or change; while any such form is dirty, leaving the page (a link, the language
 * switch, closing the tab) asks the browser's own "leave this page?" question. Submitting the
 * form clears it. Loaded with defer from <head>; no inline script (Content-Security-Policy).
 */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-unsaved-warning]");
  if (!forms.length) {
    return;
  }
  var dirty = false;

  function mark(form, value) {
    dirty = value;
    form.setAttribute("data-dirty", value ? "true" : "false");
  }

  Array.prototype.forEach.call(forms, function (form) {
    form.setAttribute("data-dirty", "false");
    // A field inside the form that belongs to another form (form="…", e.g. a comment reply)
    // does not make this form dirty.
    function own(event) {
      return !event.target.form || event.target.form === form;
    }
    form.addEventListener("input", function (event) { if (own(event)) { mark(form, true); } });
    form.addEventListener("change", function (event) { if (own(event)) { mark(form, true); } });
    form.addEventListener("submit", function () { mark(form, false); });
  });

  window.addEventListener("beforeunload", function (event) {
    if (!dirty) {
      return undefined;
    }
    event.preventDefault();
    event.returnValue = "";  // older browsers need a value to show their question
    return "";
  });
})();
