// Avain online bank (sandbox): the only script. Pages work without it; it adds
// (1) waiting for the code app's approval without pressing "continue", and
// (2) leaving a page that has sat idle past the session's 5 minutes.
(function () {
  "use strict";

  // "Log in with the code app": ask the bank every 2 seconds whether the app approved.
  // The request id is in an HttpOnly cookie, never in the URL or this script.
  var waiting = document.getElementById("app-login-wait");
  if (waiting) {
    var poll = function () {
      fetch("/login/app/status", { method: "GET", credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : { status: "failed" }; })
        .then(function (s) {
          if (s.status === "pending") {
            window.setTimeout(poll, 2000);
          } else {
            document.getElementById("app-login-form").submit();
          }
        })
        .catch(function () { window.setTimeout(poll, 4000); });
    };
    window.setTimeout(poll, 2000);
  }

  // The bank ends a session after 5 idle minutes; show the login instead of a stale page.
  if (document.getElementById("logout")) {
    window.setTimeout(function () { window.location.assign("/"); }, 5 * 60 * 1000 + 5000);
  }
})();
