"""Real-browser tests: Playwright drives Debian's chromium; axe-core checks every page.

Locally these tests skip with a message when chromium or axe-core is missing; in CI (CI=true)
a missing browser is an error, so the accessibility checks can never silently disappear.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in such a
# thread unless told that it is safe. It is: the test and the live server do not share a loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _chromium_path() -> str | None:
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI: .ci/run installs it)")
    pytest.skip(f"{reason}: install it to run the browser tests (see README, 'Tests')")


@pytest.fixture(scope="session", autouse=True)
def migrated_data(django_db_setup, django_db_blocker):
    """The copy of what the migrations made that Django serialised when it set up the test
    database (when any test of the run asks for ``serialized_rollback``), or None. Taken before
    the first browser starts: Playwright's greenlets give later code other connection objects,
    which do not carry the copy."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium_path()
    if not executable:
        _missing("Debian's chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _missing("the playwright Python package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


# Chromium reports every blocked script, style, image, frame or form target on the console
# ("Refused to … because it violates the following Content Security Policy directive …"), and
# every bad Permissions-Policy feature ("Error with Permissions-Policy header …").
POLICY_MESSAGES = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


def policy_problems(messages) -> list[str]:
    return [text for text in messages if any(marker in text for marker in POLICY_MESSAGES)]


@pytest.fixture
def page(browser):
    """A fresh browser context with the site's CSP enforced (no ``bypass_csp``). A test fails
    when the page logs a Content-Security-Policy or Permissions-Policy problem: that is how the
    browser tests prove that the policies break nothing."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{page.url}: {message.text}"))
    yield page
    context.close()
    problems = policy_problems(console)
    assert not problems, "The browser reported policy violations:\n" + "\n".join(problems)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        _missing("axe-core is not installed (npm ci)")
    return AXE_JS.read_text()


@pytest.fixture
def assert_accessible(axe_source):
    """Run axe-core on the page as it is now; fail with a readable list of WCAG 2.1 A/AA
    violations."""

    def check(page, context: str = "document"):
        # Colours are measured as painted: wait until fade-ins and transitions (the admin's
        # messages, focus rings) have finished, or a half-faded text fails on contrast.
        page.evaluate(
            """() => Promise.race([
                Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
                new Promise((resolve) => setTimeout(resolve, 3000)),
            ])"""
        )
        # Evaluated through the DevTools protocol, which the page's CSP does not govern (an
        # injected <script> element would be refused, as it should be).
        page.evaluate(axe_source)
        result = page.evaluate(
            """async ([context, tags]) => {
                return await axe.run(context === 'document' ? document : context, {
                    runOnly: {type: 'tag', values: tags},
                    resultTypes: ['violations'],
                });
            }""",
            [context, WCAG_TAGS],
        )
        violations = result["violations"]
        readable = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in violations
        ]
        assert not violations, f"axe-core on {page.url}:\n" + json.dumps(readable, indent=2)

    return check
