"""Serving a partner's evidence file: one response for the portal and the staff review."""

from django.http import FileResponse, Http404


def evidence_response(evidence) -> FileResponse:
    """The file as an attachment that no browser or proxy keeps or sniffs into something else."""
    try:
        handle = evidence.open()
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
