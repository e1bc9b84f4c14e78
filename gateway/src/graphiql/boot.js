// Starts GraphiQL (its prebuilt bundle and React's, all served by the gateway itself: no CDN).
// The settings come from a JSON block in the page, so the page needs no inline script.
/* global GraphiQL, React, ReactDOM */
const settings = JSON.parse(document.getElementById('graphiql-settings').textContent);
const url = new URL(settings.path, window.location.href).href;
const fetcher = GraphiQL.createFetcher({ url, subscriptionUrl: url.replace(/^http/, 'ws') });
const headers = JSON.stringify({ Authorization: `Bearer ${settings.demoToken ?? '<your token>'}` }, null, 2);
const defaultQuery = `# FlowLedger Graph. Put your token in the Headers tab below${settings.demoToken ? ' (a demo token is there)' : ''}.
# Subscriptions run over graphql-ws at this same URL, e.g.
#   subscription { pursuitStageChanged { pursuit { name stage } } }

query Me {
  me {
    user { name }
    organization { name }
    role
  }
}
`;
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultHeaders: headers, defaultEditorToolsVisibility: 'headers' }),
);
