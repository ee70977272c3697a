// GraphiQL for policy-kg, served by the app as /assets/kg-graphiql.js (kg/api/graphiql.py).
//
// Its settings come from the page's JSON block #kg-graphiql-config (data, never run as code):
// the default query, the named (persisted) operations and whether the server runs only them.
// It adds an "Operations" panel listing the named operations: choosing one loads its text and
// its variables' defaults into the editors. When the editor holds exactly a named operation's
// text, the fetcher sends its name (`op`) and the variables instead of the text, so GraphiQL
// works against a server that runs only persisted operations.
//
// No inline event handlers and no eval: React attaches its listeners itself, and this file is
// a same-origin script, so the page runs under a strict Content-Security-Policy.
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("kg-graphiql-config").textContent);
  // The style GraphiQL's dialogs add at run time carries this nonce, which the page's
  // Content-Security-Policy allows (kg/web/security.py); the library reads this global.
  window.__webpack_nonce__ = config.styleNonce;
  const operations = config.operations; // [{name, text, description, defaults}]
  const byName = new Map(operations.map((op) => [op.name, op]));
  const byText = new Map(operations.map((op) => [op.text.trim(), op.name]));
  const h = React.createElement;

  // /graphiql?query=...&variables=... opens with that query (entity pages link here);
  // /graphiql?op=NAME opens with that named operation.
  const params = new URLSearchParams(location.search);
  const opened = byName.get(params.get("op"));

  function variablesText(op) {
    return Object.keys(op.defaults).length ? JSON.stringify(op.defaults, null, 2) : "";
  }

  const send = GraphiQL.createFetcher({ url: "/graphql" });

  // The names of the operations a query text defines (null when it does not parse).
  function operationNames(text) {
    try {
      return GraphiQL.GraphQL.parse(text)
        .definitions.filter((d) => d.kind === "OperationDefinition")
        .map((d) => d.name && d.name.value);
    } catch (error) {
      return null;
    }
  }

  function fetcher(graphQLParams, options) {
    const query = graphQLParams.query || "";
    // GraphiQL reads the operation's name from the editor a moment after each edit, so text
    // run at once can come with the previous text's name: a name the text does not define.
    let operationName = graphQLParams.operationName || undefined;
    const names = operationName ? operationNames(query) : null;
    if (names && !names.includes(operationName)) {
      operationName = undefined;
    }
    const name = byText.get(query.trim());
    const request =
      name === undefined
        ? { ...graphQLParams, operationName }
        : { op: name, variables: graphQLParams.variables, operationName };
    return send(request, options);
  }

  let openedAtStart = false;

  function OperationsIcon() {
    // The panel opens once, at start, as a click on its sidebar button opens it: GraphiQL 4.1
    // keeps a plugin's panel shut at start even when `visiblePlugin` names it (the panel's
    // size is settled before the plugin is known), so that prop is not used.
    const ref = React.useRef(null);
    React.useEffect(() => {
      const button = ref.current && ref.current.closest("button");
      if (button && !openedAtStart) {
        openedAtStart = true;
        button.click();
      }
    }, []);
    // A list with bullets, drawn like GraphiQL's own sidebar icons.
    const line = (y) => h("path", { key: "l" + y, d: `M8 ${y}h11`, strokeLinecap: "round" });
    const dot = (y) => h("circle", { key: "d" + y, cx: 4, cy: y, r: 1.2, fill: "currentColor" });
    return h(
      "svg",
      { ref, viewBox: "0 0 22 22", fill: "none", stroke: "currentColor", strokeWidth: 1.5 },
      [5, 11, 17].flatMap((y) => [dot(y), line(y)]),
    );
  }

  function OperationsPanel() {
    const { queryEditor, variableEditor } = GraphiQL.React.useEditorContext({ nonNull: true });

    function load(op) {
      if (queryEditor) queryEditor.setValue(op.text);
      if (variableEditor) variableEditor.setValue(variablesText(op));
      if (Object.keys(op.defaults).length) {
        // Show the variables (their defaults) to change: as a click on the Variables tab does,
        // which opens the pane if it is shut and leaves it open otherwise.
        const tab = document.querySelector('.graphiql-editor-tools button[data-name="variables"]');
        if (tab) tab.click();
      }
    }

    return h(
      "section",
      { className: "kg-operations", "aria-label": "Named operations" },
      h("div", { className: "graphiql-doc-explorer-title" }, "Named operations"),
      h(
        "p",
        { className: "kg-operations-note" },
        config.persistedOnly
          ? "This server runs only these operations: choose one, change its variables if you " +
              "like, and run it. Edited query text is refused."
          : "Choose one to load it into the editor.",
        " Programs run them by name: ",
        h("code", null, "/graphql?op=NAME"),
        ".",
      ),
      h(
        "ul",
        { className: "kg-operations-list" },
        operations.map((op) =>
          h(
            "li",
            { key: op.name },
            h(
              "button",
              {
                type: "button",
                className: "kg-operation",
                "data-operation": op.name,
                title: "Load " + op.name + " into the editor",
                onClick: () => load(op),
              },
              h("span", { className: "kg-operation-name" }, op.name),
              op.description
                ? h("span", { className: "kg-operation-description" }, op.description)
                : null,
            ),
          ),
        ),
      ),
    );
  }

  const operationsPlugin = { title: "Operations", icon: OperationsIcon, content: OperationsPanel };
  const query = params.get("query") ?? (opened ? opened.text : undefined);
  const variables = params.get("variables") ?? (opened ? variablesText(opened) : undefined);

  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    h(GraphiQL, {
      fetcher,
      // With only persisted operations the server refuses the introspection query's text:
      // the page carries the schema (its SDL) instead.
      schema: config.schema ? GraphiQL.GraphQL.buildSchema(config.schema) : undefined,
      defaultQuery: config.defaultQuery,
      query: query || undefined,
      variables: variables || undefined,
      plugins: [operationsPlugin],
      shouldPersistHeaders: false,
    }),
  );
})();
