// Renders the served OpenAPI document with Swagger UI. A file of its own, since the page's policy runs no inline
// script. The reference is read-only: "Try it out" is off, so the page sends no request but the one for the document
// (calls need the admin token; the dashboard and the CLI are the ways to make them).
(function start() {
  const loading = document.getElementById('api-loading');
  if (typeof window.SwaggerUIBundle !== 'function') {
    loading.textContent = 'The API reference renderer did not load. The OpenAPI document is at /api/v1/openapi.json.';
    return;
  }
  window.SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#api-reference',
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    displayOperationId: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    supportedSubmitMethods: [],
    validatorUrl: null,
    onComplete: () => document.getElementById('api-reference').setAttribute('data-rendered', 'true'),
  });
}());
