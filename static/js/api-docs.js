// The API's reference on /api/docs/: Swagger UI from our own static files, reading the schema the page names.
// No inline script: the page's strict Content-Security-Policy allows only our static files.
document.addEventListener("DOMContentLoaded", () => {
  const target = document.getElementById("swagger-ui");
  if (!target || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  SwaggerUIBundle({
    url: target.dataset.schemaUrl,
    domNode: target,
    deepLinking: false,
    // "Try it out" sends requests with the browser's session; writes need the CSRF token, which a form has.
    supportedSubmitMethods: ["get"],
    defaultModelsExpandDepth: 0,
  });
});
