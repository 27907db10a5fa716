// Filters the capability tables of the profile editor as one types. Without JavaScript the
// filter stays hidden and every sector's table can be opened by hand.
(function () {
  "use strict";
  var box = document.querySelector("[data-capability-filter]");
  if (!box) {
    return;
  }
  var input = box.querySelector("input");
  var empty = box.querySelector("[data-capability-filter-empty]");
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-capability-group]"));
  var initiallyOpen = groups.map(function (group) { return group.open; });
  box.hidden = false;

  input.addEventListener("input", function () {
    var term = input.value.trim().toLowerCase();
    var anyShown = false;
    groups.forEach(function (group, index) {
      var shownInGroup = 0;
      group.querySelectorAll("[data-capability-name]").forEach(function (row) {
        var show = !term || row.getAttribute("data-capability-name").indexOf(term) !== -1;
        row.hidden = !show;
        shownInGroup += show ? 1 : 0;
      });
      group.hidden = shownInGroup === 0;
      group.open = term ? shownInGroup > 0 : initiallyOpen[index];
      anyShown = anyShown || shownInGroup > 0;
    });
    empty.hidden = anyShown;
  });
  // Enter in the filter must not submit the profile form.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
    }
  });
})();
