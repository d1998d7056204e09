/* The live counter of a ballot: "2/6 chosen", and for a budget ballot the money spent.
 *
 * Progressive enhancement: the ballot works without this script (the server checks every
 * limit); the counter element stays hidden until the script fills it. Its texts come
 * translated from the page (data-* attributes, `{name}` placeholders), and it is an
 * aria-live="polite" region, so screen readers hear each change and the over-limit state.
 */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function setUp(counter) {
    var form = counter.closest("form");
    if (!form) return;
    var boxes = form.querySelectorAll('input[type="checkbox"][name="option"]');
    var max = parseInt(counter.dataset.max || "", 10);
    var budget = parseInt(counter.dataset.budget || "", 10);
    var digits = new Intl.NumberFormat("en-US");
    var won = function (amount) { return fill(counter.dataset.won, { amount: digits.format(amount) }); };

    function update() {
      var chosen = 0;
      var total = 0;
      boxes.forEach(function (box) {
        if (box.checked) {
          chosen += 1;
          total += parseInt(box.dataset.cost || "0", 10) || 0;
        }
      });
      var parts = [];
      var over = false;
      if (!isNaN(max)) {
        var tooMany = chosen > max;
        over = over || tooMany;
        parts.push(fill(tooMany ? counter.dataset.countOver : counter.dataset.count,
          { chosen: chosen, max: max, extra: chosen - max }));
      }
      if (!isNaN(budget)) {
        var tooMuch = total > budget;
        over = over || tooMuch;
        parts.push(fill(tooMuch ? counter.dataset.totalOver : counter.dataset.total,
          { total: won(total), budget: won(budget), over: won(total - budget) }));
      }
      var text = parts.join(" · ");
      if (counter.textContent !== text) counter.textContent = text;
      counter.classList.toggle("is-over", over);
    }

    form.addEventListener("change", update);
    update();
    counter.hidden = false;
  }

  document.querySelectorAll("[data-ballot-counter]").forEach(setUp);
})();
