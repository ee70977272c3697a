// The tracker's table (kg/web/tracker.py writes the page): sort by a column's header button,
// filter by the form's controls, and keep the URL, the download links and the "Showing N of M"
// line in step, so that a view can be shared and a download holds exactly the rows shown.
//
// The server applies the same sort and filters (tracker.py: `order`, `Filters.keeps`) to the
// page it sends and to the downloads; both read the values tracker.py writes into the rows'
// data- attributes, so they cannot disagree on what a value is.
"use strict";

(function () {
  const table = document.getElementById("tracker");
  const form = document.getElementById("filters");
  if (!table || !form) {
    return;
  }
  const tbody = table.tBodies[0];
  const rows = Array.from(tbody.rows);
  const headers = Array.from(table.tHead.rows[0].cells);
  const shown = document.getElementById("shown");
  const downloads = Array.from(document.querySelectorAll("a[data-download]"));
  const DEFAULT = { sort: "number", dir: "asc" };
  const state = { sort: table.dataset.sort || DEFAULT.sort, dir: table.dataset.dir || DEFAULT.dir };

  function control(name) {
    return form.elements.namedItem(name);
  }

  function filters() {
    return {
      status: control("status").value,
      stance: control("stance").value,
      body: control("body").value,
      q: control("q").value,
    };
  }

  function matches(row, f) {
    const needle = f.q.trim().toLowerCase();
    return (
      (!f.status || row.dataset.status === f.status) &&
      (!f.stance || row.dataset.stance === f.stance) &&
      (!f.body || row.dataset.bodies.split(" ").includes(f.body)) &&
      (!needle || row.dataset.text.includes(needle))
    );
  }

  function value(row, index, type) {
    const raw = row.cells[index].dataset.sort;
    if (raw === undefined || raw === "") {
      return null; // nothing in this column: last, whichever the direction
    }
    return type === "num" ? Number(raw) : raw;
  }

  function compare(a, b, index, type, dir) {
    const va = value(a, index, type);
    const vb = value(b, index, type);
    if (va === null || vb === null) {
      if (va !== vb) {
        return va === null ? 1 : -1;
      }
    } else if (va !== vb) {
      return (va < vb ? -1 : 1) * (dir === "desc" ? -1 : 1);
    }
    return Number(a.dataset.number) - Number(b.dataset.number); // ties: by number
  }

  function query(f) {
    const params = new URLSearchParams();
    params.set("report", control("report").value);
    if (control("asOf").value) {
      params.set("asOf", control("asOf").value);
    }
    for (const name of ["status", "stance", "body", "q"]) {
      if (f[name]) {
        params.set(name, f[name]);
      }
    }
    if (state.sort !== DEFAULT.sort || state.dir !== DEFAULT.dir) {
      params.set("sort", state.sort);
      params.set("dir", state.dir);
    }
    return params.toString();
  }

  function apply() {
    const index = headers.findIndex((th) => th.dataset.column === state.sort);
    const type = headers[index].dataset.type;
    const sorted = rows.slice().sort((a, b) => compare(a, b, index, type, state.dir));
    const f = filters();
    let count = 0;
    for (const row of sorted) {
      const keep = matches(row, f);
      row.hidden = !keep;
      count += keep ? 1 : 0;
      tbody.appendChild(row);
    }
    for (const th of headers) {
      if (th.dataset.column === state.sort) {
        th.setAttribute("aria-sort", state.dir === "desc" ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    }
    control("sort").value = state.sort;
    control("dir").value = state.dir;
    table.dataset.sort = state.sort;
    table.dataset.dir = state.dir;
    const text = "Showing " + count + " of " + rows.length + " recommendations.";
    if (shown.textContent !== text) {
      shown.textContent = text;
    }
    const q = query(f);
    for (const link of downloads) {
      link.href = link.dataset.download + "?" + q;
    }
    history.replaceState(null, "", location.pathname + "?" + q);
  }

  for (const th of headers) {
    const button = th.querySelector("button");
    if (!button) {
      continue;
    }
    button.addEventListener("click", () => {
      if (state.sort === th.dataset.column) {
        state.dir = state.dir === "asc" ? "desc" : "asc";
      } else {
        state.sort = th.dataset.column;
        state.dir = "asc";
      }
      apply();
    });
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  // The counts beside the summary bar filter by their status.
  for (const link of document.querySelectorAll("a[data-filter-status]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      control("status").value = link.dataset.filterStatus;
      apply();
      table.scrollIntoView({ block: "nearest" });
    });
  }
  window.kgTrackerReady = true;
})();
