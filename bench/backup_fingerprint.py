"""What a backup must preserve, as one JSON document: every live public page, job fair calendar
and feed rendered through Django's test client, the reports with their answers, and the bytes
of every evidence download through the portal, and the checksum of every stored file (media
and evidence). Two instances are the same when their
fingerprints are equal.

    python bench/backup_fingerprint.py take > a.json      # settings and database from the env
    python bench/backup_fingerprint.py compare a.json b.json
"""

import datetime
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
# Per-response values that are not content: CSP nonces, iCalendar's "generated at" stamp.
# Pages that depend on the clock (an info point's "open now" and its timeline, upcoming and past
# job fairs) are rendered at one fixed moment, so instances taken minutes apart compare equal.
RENDERED_AT = "2026-03-02T09:30:00+00:00"
VOLATILE = [re.compile(rb'nonce="[^"]*"'), re.compile(rb"^DTSTAMP[:;].*$", re.M)]


def _digest(body: bytes) -> str:
    for pattern in VOLATILE:
        body = pattern.sub(b"", body)
    return hashlib.sha256(body).hexdigest()


def take() -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goedwerk.settings.dev")
    import django

    django.setup()
    from django.core import serializers
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Page

    from events.models import JobFairIndexPage, JobFairPage
    from partners.models import CommitmentResponse, Evidence, IndicatorValue, Membership, Report

    client = Client(HTTP_HOST="localhost")
    pages = {}
    urls = [page.get_url() for page in Page.objects.live().filter(depth__gt=1).specific()]
    for index in JobFairIndexPage.objects.live():
        urls += [index.ical_url, index.feed_url]
    urls += [fair.ical_url for fair in JobFairPage.objects.live()]
    moment = datetime.datetime.fromisoformat(RENDERED_AT)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        for url in sorted(set(filter(None, urls))):
            response = client.get(url)
            pages[url] = [response.status_code, _digest(response.content)]

    reports = {
        model.__name__: json.loads(serializers.serialize("json", model.objects.order_by("pk")))
        for model in (Report, IndicatorValue, CommitmentResponse, Evidence)
    }

    downloads = {}
    for evidence in Evidence.objects.select_related("report__organisation").order_by("pk"):
        member = Membership.objects.filter(
            organisation=evidence.report.organisation, role=Membership.Role.REPORTER
        ).first()
        if member is None:
            downloads[str(evidence.pk)] = "no reporter to download it"
            continue
        client.force_login(member.user)
        response = client.get(
            reverse(
                "partners:evidence_download",
                kwargs={
                    "organisation_slug": evidence.report.organisation.slug,
                    "evidence_id": evidence.pk,
                },
            )
        )
        body = b"".join(response.streaming_content) if response.status_code == 200 else b""
        downloads[str(evidence.pk)] = [response.status_code, hashlib.sha256(body).hexdigest()]
        client.logout()

    from django.core.files.storage import storages

    from goedwerk.backups import STORAGE_FOLDERS, walk

    files = {}
    for alias in STORAGE_FOLDERS:
        storage = storages[alias]
        for name in walk(storage):
            with storage.open(name, "rb") as handle:
                files[f"{alias}:{name}"] = hashlib.sha256(handle.read()).hexdigest()

    return {"pages": pages, "reports": reports, "downloads": downloads, "files": files}


def compare(first: dict, second: dict) -> bool:
    rows = []
    pages_ok = sum(status == 200 for status, _ in first["pages"].values())
    rows.append(
        (
            f"pages, calendars, feeds ({len(first['pages'])}, {pages_ok} answer 200)",
            first["pages"] == second["pages"] and pages_ok == len(first["pages"]) > 0,
        )
    )
    for model, objects in first["reports"].items():
        rows.append(
            (f"{model}: {len(objects)} rows", objects == second["reports"][model] and objects)
        )
    downloads_ok = all(
        isinstance(value, list) and value[0] == 200 for value in first["downloads"].values()
    )
    rows.append(
        (
            f"evidence downloads ({len(first['downloads'])}, bytes by SHA-256)",
            first["downloads"] == second["downloads"] and downloads_ok and first["downloads"],
        )
    )
    media = [name for name in first["files"] if name.startswith("default:")]
    rows.append(
        (
            f"stored files ({len(media)} media, {len(first['files']) - len(media)} private)",
            first["files"] == second["files"] and bool(media),
        )
    )
    width = max(len(label) for label, _ in rows)
    for label, ok in rows:
        print(f"  {label:<{width}}  {'PASS' if ok else 'FAIL'}")
    if first["pages"] != second["pages"]:
        for url in sorted(set(first["pages"]) | set(second["pages"])):
            if first["pages"].get(url) != second["pages"].get(url):
                print(f"    differs: {url} {first['pages'].get(url)} {second['pages'].get(url)}")
    return all(ok for _, ok in rows)


def main(argv: list[str]) -> int:
    if argv[:1] == ["take"]:
        json.dump(take(), sys.stdout, indent=1, sort_keys=True)
        return 0
    if argv[:1] == ["compare"] and len(argv) == 3:
        first, second = (json.loads(Path(name).read_text()) for name in argv[1:])
        return 0 if compare(first, second) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
