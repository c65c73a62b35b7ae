"""Object storage: with the AWS_* variables set, public media (Wagtail images and renditions) go
to the public bucket and partners' evidence to the private one, as private objects that nobody
can fetch without a signature. Runs against moto's S3 server on a loopback port."""

import io
import runpy
import socket
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.urls import reverse

from goedwerk.settings.base import s3_storages
from partners.models import Evidence

from . import helpers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "site" / "settings" / "base.py"
PORTS = range(18150, 18155)  # this project's loopback ports for the fake
PUBLIC, PRIVATE = "goedwerk-media", "goedwerk-private"


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip("no free port for the S3 fake in 18150-18154")


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_env(s3_server, monkeypatch):
    env = {
        "AWS_STORAGE_BUCKET_NAME": PUBLIC,
        "AWS_PRIVATE_STORAGE_BUCKET_NAME": PRIVATE,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_S3_REGION_NAME": "eu-central-1",
        "AWS_ACCESS_KEY_ID": "goedwerk-test",
        "AWS_SECRET_ACCESS_KEY": "goedwerk-test-secret",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def s3(s3_env, settings):
    """A boto3 client on fresh buckets, and the project's storages switched to them."""
    client = boto3.client(
        "s3", endpoint_url=s3_env["AWS_S3_ENDPOINT_URL"], region_name="eu-central-1"
    )
    for bucket in (PUBLIC, PRIVATE):
        client.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
    settings.STORAGES = {**settings.STORAGES, **s3_storages(s3_env)}
    yield client
    for bucket in (PUBLIC, PRIVATE):
        for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
        client.delete_bucket(Bucket=bucket)


def anonymous_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, b""


def keys(client, bucket) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_settings_switch_to_s3_only_when_the_buckets_are_configured(monkeypatch):
    for name in ("AWS_STORAGE_BUCKET_NAME", "AWS_PRIVATE_STORAGE_BUCKET_NAME"):
        monkeypatch.delenv(name, raising=False)
    local = runpy.run_path(str(BASE_SETTINGS))["STORAGES"]
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["private"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"

    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "pub")
    monkeypatch.setenv("AWS_PRIVATE_STORAGE_BUCKET_NAME", "priv")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example")
    monkeypatch.setenv("AWS_S3_CUSTOM_DOMAIN", "cdn.example")
    remote = runpy.run_path(str(BASE_SETTINGS))["STORAGES"]
    public, private = remote["default"], remote["private"]
    assert public["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert public["OPTIONS"]["bucket_name"] == "pub"
    assert public["OPTIONS"]["custom_domain"] == "cdn.example"  # a CDN for public media only
    assert private["OPTIONS"]["bucket_name"] == "priv"
    assert private["OPTIONS"]["endpoint_url"] == "https://s3.example"
    assert private["OPTIONS"]["default_acl"] == "private"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["custom_domain"] is None  # a custom domain would drop signatures
    assert private["OPTIONS"]["querystring_expire"] <= 300
    assert remote["staticfiles"] == local["staticfiles"]


def test_image_and_rendition_land_in_the_public_bucket(s3):
    from wagtail.images.models import Image

    upload = helpers.png_file("haven.png")
    image = Image.objects.create(title="Haven", file=ImageFile(upload, name="haven.png"))
    rendition = image.get_rendition("fill-2x2")

    stored = keys(s3, PUBLIC)
    assert image.file.name in stored
    assert rendition.file.name in stored
    assert keys(s3, PRIVATE) == set()
    # Public media are public: the plain URL the site renders answers anyone.
    assert "Signature" not in rendition.url
    assert rendition.url.startswith(f"{s3.meta.endpoint_url}/{PUBLIC}/")
    status, body = anonymous_get(rendition.url)
    assert status == 200
    assert body == s3.get_object(Bucket=PUBLIC, Key=rendition.file.name)["Body"].read()


def test_evidence_is_a_private_object_downloadable_only_through_the_app(
    s3, client_a, client_b, org_a, period
):
    upload = helpers.pdf_file()
    response = client_a.post(
        reverse(
            "partners:evidence_upload",
            kwargs={"organisation_slug": org_a.slug, "period_id": period.pk},
        ),
        {"kind": "general", "file": upload},
    )
    assert response.status_code == 302, response.content.decode()
    evidence = Evidence.objects.get()
    assert keys(s3, PRIVATE) == {evidence.stored_name}
    assert evidence.stored_name not in keys(s3, PUBLIC)

    # The object's ACL grants nobody but the owner; the bucket has no policy opening it.
    grants = s3.get_object_acl(Bucket=PRIVATE, Key=evidence.stored_name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)
    with pytest.raises(ClientError, match="NoSuchBucketPolicy"):
        s3.get_bucket_policy(Bucket=PRIVATE)

    # Anonymous, unsigned: refused (the fake enforces object ACLs like S3 does).
    plain = f"{s3.meta.endpoint_url}/{PRIVATE}/{evidence.stored_name}"
    assert anonymous_get(plain)[0] == 403
    # Any URL the storage makes is signed and expires soon.
    signed = storages["private"].url(evidence.stored_name)
    assert "Signature=" in signed or "X-Amz-Signature=" in signed
    assert "Expires=" in signed or "X-Amz-Expires=" in signed

    # The partner's download goes through the app and gives the same bytes.
    download = reverse(
        "partners:evidence_download",
        kwargs={"organisation_slug": org_a.slug, "evidence_id": evidence.pk},
    )
    response = client_a.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == helpers.MINIMAL_PDF
    assert response["Cache-Control"] == "private, no-store"
    # Another organisation's member gets nothing, and no page links to the bucket.
    assert client_b.get(download).status_code == 404
    report_page = client_a.get(
        reverse("partners:report", kwargs={"organisation_slug": org_a.slug, "period_id": period.pk})
    )
    assert report_page.status_code == 200
    html = report_page.content.decode()
    assert download in html
    assert s3.meta.endpoint_url not in html
    assert PRIVATE not in html


def test_missing_evidence_object_is_a_404_not_a_500(s3, client_a, org_a, period):
    client_a.post(
        reverse(
            "partners:evidence_upload",
            kwargs={"organisation_slug": org_a.slug, "period_id": period.pk},
        ),
        {"kind": "general", "file": helpers.pdf_file()},
    )
    evidence = Evidence.objects.get()
    s3.delete_object(Bucket=PRIVATE, Key=evidence.stored_name)
    response = client_a.get(
        reverse(
            "partners:evidence_download",
            kwargs={"organisation_slug": org_a.slug, "evidence_id": evidence.pk},
        )
    )
    assert response.status_code == 404


def test_signed_url_of_the_fake_works_and_unsigned_does_not(s3):
    storage = storages["private"]
    name = storage.save("evidence/probe.txt", io.BytesIO(b"probe"))
    assert anonymous_get(storage.url(name)) == (200, b"probe")
    assert anonymous_get(f"{s3.meta.endpoint_url}/{PRIVATE}/{name}")[0] == 403
