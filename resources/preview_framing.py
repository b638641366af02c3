"""Let Wagtail's preview panel show the page being edited.

The public site may not be framed (CSP `frame-ancestors 'none'`), but the
page editor shows its preview in a frame of the admin, on the same site.
Wagtail renders a preview by passing a made-up request for the page's own
address through the middleware, so the preview got the public policy and the
browser refused to show it ("refused to connect"). For preview requests only,
framing by the site itself is allowed. Wagtail's preview views already send
`X-Frame-Options: SAMEORIGIN`.

Listed in MIDDLEWARE after csp.middleware.CSPMiddleware, so that it sees the
response first and django-csp then builds the header with the replacement."""


class PreviewFramingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            replace = dict(getattr(response, "_csp_replace", None) or {})
            replace["frame-ancestors"] = ["'self'"]
            response._csp_replace = replace
        return response
