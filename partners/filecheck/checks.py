"""System check: say so when evidence is not scanned for viruses in production.

An Info, not a Warning: ``check --deploy --fail-level WARNING`` must pass on a machine without
clamd (CI), and scanning is a deployment decision, not a defect of the settings file."""

from django.conf import settings
from django.core.checks import Info, Tags, register


@register(Tags.security, deploy=True)
def clamav_configured(app_configs, **kwargs):
    if getattr(settings, "CLAMAV_ADDRESS", ""):
        return []
    return [
        Info(
            "CLAMAV_ADDRESS is not set: evidence uploads are checked by structure but not "
            "scanned for viruses.",
            hint="Install clamav-daemon and set CLAMAV_ADDRESS=unix:///run/clamav/clamd.ctl "
            "(or tcp://host:3310).",
            id="partners.I001",
        )
    ]
