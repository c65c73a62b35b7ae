/*
 * Refuse an oversized file in the browser, before it is sent (progressive enhancement).
 *
 * Without this script a file over the limit reaches the server, which answers with the
 * "File too large" page (HTTP 413) without reading the body, so the other fields typed into
 * the form are lost. With it, choosing such a file empties the file field and shows the same
 * translated message under it (data-too-large on the input), and the rest of the form stays as
 * typed. Loaded with defer; no inline script (Content-Security-Policy).
 */
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[type=file][data-max-bytes]");
  Array.prototype.forEach.call(inputs, function (input) {
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    var message = document.createElement("p");
    message.id = input.id + "_too_large";
    message.className = "utrecht-form-field-error-message";
    message.setAttribute("role", "alert");
    message.hidden = true;
    input.insertAdjacentElement("afterend", message);

    input.addEventListener("change", function () {
      var tooLarge = Array.prototype.some.call(input.files || [], function (file) {
        return file.size > limit;
      });
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described = described.filter(function (id) { return id !== message.id; });
      if (tooLarge) {
        input.value = "";
        message.textContent = input.getAttribute("data-too-large");
        message.hidden = false;
        input.setAttribute("aria-invalid", "true");
        described.push(message.id);
      } else {
        message.hidden = true;
        message.textContent = "";
        input.removeAttribute("aria-invalid");
      }
      if (described.length) {
        input.setAttribute("aria-describedby", described.join(" "));
      } else {
        input.removeAttribute("aria-describedby");
      }
    });
  });
})();
