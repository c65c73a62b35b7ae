"""Refuse an oversized upload before its body is read.

Django reads a multipart body in full (into memory or a temporary file) as soon as anything
touches ``request.POST`` or ``request.FILES``, including the CSRF check, and only then can a form
say the file is too large. ``limit_upload_body`` answers HTTP 413 instead:

* by the declared ``Content-Length``, before a byte of the body is read, when it exceeds
  ``MAX_UPLOAD_REQUEST_BYTES`` (the evidence limit plus room for the other fields);
* while streaming, by ``CappedUploadHandler``: as soon as a file in the body passes
  ``MAX_EVIDENCE_BYTES`` the parser stops reading (``StopUpload(connection_reset=True)``).
  Django's WSGI handler reads at most ``Content-Length`` bytes (a chunked body without one arrives
  empty), so this is the second line, for bodies within the cap that carry an oversized file.

The view is exempted from CsrfViewMiddleware (which would parse the body first) and protected with
``csrf_protect`` inside, after the guard, as Django's documentation on upload handlers
describes. Nothing is saved by a refused request, and what was saved before stays.
"""

from contextlib import suppress
from functools import wraps

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from . import MAX_EVIDENCE_BYTES
from .refusals import MESSAGES

MAX_UPLOAD_REQUEST_BYTES = MAX_EVIDENCE_BYTES + 256 * 1024


class CappedUploadHandler(FileUploadHandler):
    """Counts the bytes of each uploaded file and stops the parser past ``limit``."""

    def __init__(self, request=None, limit=MAX_EVIDENCE_BYTES):
        super().__init__(request)
        self.limit = limit
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data  # the next handler (memory or temporary file) stores it

    def file_complete(self, file_size):
        return None


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large_response(request):
    context = {"message": MESSAGES["too_large"], "back_url": request.path}
    return render(request, "partners/filecheck/too_large.html", context, status=413)


def limit_upload_body(view):
    """Decorate an upload view: oversized bodies get the 413 page, never reach the view."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            if _declared_length(request) > MAX_UPLOAD_REQUEST_BYTES:
                return too_large_response(request)
            handler = CappedUploadHandler(request)
            request.upload_handlers.insert(0, handler)
            # Parse now, under the cap, before the CSRF check. On a malformed body Django keeps
            # POST and FILES empty, and the CSRF check then refuses the request.
            with suppress(MultiPartParserError):
                request.FILES  # noqa: B018
            if handler.exceeded:
                return too_large_response(request)
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)
