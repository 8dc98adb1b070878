// "Copy link" for the share block: the button stays hidden where the Clipboard API is missing
// (or without JavaScript), and the plain share links keep working.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll(".share-copy").forEach(function (button) {
    var status = button.parentElement.querySelector(".share-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.shareUrl).then(
        function () {
          status.textContent = button.dataset.copiedMessage;
        },
        function () {
          status.textContent = button.dataset.failedMessage;
        }
      );
    });
  });
})();
