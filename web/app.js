// The workspace's only script: a "select all" box for the agenda. Every page works without it.
document.addEventListener("DOMContentLoaded", function () {
  var all = document.getElementById("select-all");
  if (!all) return;
  all.hidden = false;
  all.addEventListener("change", function () {
    var boxes = document.querySelectorAll("input.select");
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = all.checked;
  });
});
