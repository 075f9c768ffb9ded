{#- Builds the static table from its cells in the box just before this script (lib/web/static_table.py),
    every cell set as text, never parsed as HTML. -#}
(function (cells) {
  const box = document.currentScript.previousElementSibling, table = document.createElement("table");
  const add = (parent, tag, content, className) => {
    const element = parent.appendChild(document.createElement(tag));
    if (className) element.className = className;
    if (content !== undefined) element.textContent = content;
    return element;
  };
  table.className = "ct-table";
  const head = table.createTHead().insertRow();
  cells.head.forEach((name, i) => add(head, "th", name, cells.numeric[i] && "ct-num"));
  const body = table.createTBody();
  cells.rows.forEach((values, r) => {
    const row = body.insertRow();
    values.forEach((value, i) => {
      if (i === 0 && cells.links) add(add(row, "td"), "a", value).href = cells.links[r];
      else if (i === cells.status) add(add(row, "td"), "span", value, "ct-badge ct-badge-" + cells.statuses[r]);
      else add(row, "td", value, cells.numeric[i] && "ct-num");
    });
  });
  box.replaceChildren(table);
})
