// The share block's progressive enhancements. Without JavaScript, or where the browser lacks an API,
// the buttons stay hidden and the plain share links keep working.
//   "Share…" opens the device's share sheet (Web Share API).
//   "Copy link" copies the page's address (Clipboard API) and says so in the status line.
(function () {
  "use strict";
  document.querySelectorAll(".share").forEach(function (block) {
    var status = block.querySelector(".share-status");
    var native = block.querySelector(".share-native");
    var copy = block.querySelector(".share-copy");
    function say(message) {
      // Emptied first, so that the same message twice is announced twice.
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = message;
      }, 50);
    }
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.dataset.shareTitle, url: native.dataset.shareUrl }).catch(function () {
          // Closing the share sheet rejects too: nothing to report.
        });
      });
    }
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.dataset.shareUrl).then(
          function () {
            say(copy.dataset.copiedMessage);
          },
          function () {
            say(copy.dataset.failedMessage);
          }
        );
      });
    }
  });
})();
