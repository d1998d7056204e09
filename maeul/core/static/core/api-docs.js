/* Starts Swagger UI on /api/docs from the vendored bundle; a file, not inline script (CSP). */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle === "undefined") {
    return;
  }
  var token = root.dataset.csrfToken;
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    layout: "BaseLayout",
    presets: [window.SwaggerUIBundle.presets.apis],
    // The public validator at validator.swagger.io is a third-party call: never made.
    validatorUrl: null,
    requestInterceptor: function (request) {
      if (token && request.method && request.method.toUpperCase() !== "GET") {
        request.headers["X-CSRFToken"] = token;
      }
      return request;
    }
  });
})();
