"""What static hosts need besides the pages: security headers, long caching, 404 pages.

The policy allows nothing but the site's own files: no inline script or style
(JSON-LD data blocks are not scripts), WebAssembly for the search index.
docs/nginx/careers.conf repeats these headers for nginx; a test keeps them equal.
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

# Host configuration files written at the root of the output, from templates/hosting/.
HOST_FILES = ("_headers", "_redirects")
