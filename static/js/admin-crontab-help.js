// The admin's periodic task form: the chosen crontab in words, below the crontab field.
// django-celery-beat does this with an inline script, which the Content-Security-Policy blocks.
(function () {
  "use strict";
  var data = document.getElementById("readable-crontabs");
  var select = document.getElementById("id_crontab");
  var help = document.querySelector(".field-crontab .help");
  if (!data || !select || !help) {
    return;
  }
  var readable = JSON.parse(data.textContent);
  var original = help.textContent;
  document.querySelectorAll(".field-crontab_translation").forEach(function (row) {
    row.hidden = true;
  });
  select.addEventListener("change", function () {
    var words = readable[select.value];
    help.textContent = words ? original + " — " + words : original;
  });
})();
