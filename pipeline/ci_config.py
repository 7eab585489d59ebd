"""The CI configuration `bilingual init` writes (pure text; the README quotes it).

- `.pre-commit-config.yaml`: local hooks that call the installed `bilingual`
  (`language: system`), so they run offline, need no repository URL or tag, and
  use the version the project pinned: `fmt` on changed catalogs, `check` when a
  source, glossary, catalog or the settings change.
- `.github/workflows/bilingual.yml`: install the pinned `bilingual`, run
  `bilingual check --format github` (annotations on the pull request; a finding
  fails the job) and upload `bilingual check --format sarif` to code scanning.
- `requirements-bilingual.txt`: which `bilingual` CI installs: the one that made
  the project, when pip can fetch it from where it came (a Git or archive URL);
  otherwise a line to fill in (PyPI's `bilingual` is another project).
"""

from __future__ import annotations

PRE_COMMIT_CONFIG = """\
# bilingual's checks before every commit: `pip install pre-commit && pre-commit install`.
# Local hooks run the `bilingual` installed here: offline, at the version you pinned.
repos:
  - repo: local
    hooks:
      - id: bilingual-fmt
        name: bilingual fmt (GNU canonical .po form)
        entry: bilingual fmt
        language: system
        files: ^locales/.*\\.pot?$
      - id: bilingual-check
        name: bilingual check (glossary, numbers, completeness)
        entry: bilingual check
        language: system
        pass_filenames: false
        files: ^(content/.*\\.md|glossary/.*\\.csv|locales/.*\\.pot?|bilingual\\.toml)$
"""

WORKFLOW = """\
# bilingual's gate on every push and pull request: findings as annotations on the
# changed lines, and in the repository's code scanning (SARIF).
name: bilingual
on:
  push:
  pull_request:
permissions:
  contents: read
  security-events: write
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install bilingual
        run: pip install -r requirements-bilingual.txt
      - name: Check
        run: bilingual check --format github
      - name: Check (SARIF)
        if: always()
        run: bilingual check --format sarif > bilingual.sarif || [ $? -eq 1 ]
      - name: Upload to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: bilingual.sarif
          category: bilingual
"""

PRE_COMMIT_PATH = ".pre-commit-config.yaml"
WORKFLOW_PATH = ".github/workflows/bilingual.yml"
REQUIREMENTS_PATH = "requirements-bilingual.txt"
PLACEHOLDER_REQUIREMENT = "bilingual @ git+https://example.org/CHANGE-ME/bilingual"


def requirements_text(requirement: str | None) -> str:
    """The requirements file: `requirement` (a pip requirement for bilingual), or a
    line to fill in when we cannot tell where pip could fetch bilingual from."""
    head = "# The bilingual that CI installs (pip requirement syntax).\n"
    if requirement:
        return head + requirement + "\n"
    return (head + "# bilingual was installed from a local folder: replace the line below with\n"
            "# where CI can fetch it, e.g. bilingual @ git+https://example.org/you/bilingual@v0.1.0\n"
            f"{PLACEHOLDER_REQUIREMENT}\n")
