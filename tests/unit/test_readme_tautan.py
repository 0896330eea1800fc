"""Every relative link in README.md and docs/*.md points at a file of the repository (issue #15:
the link to the quality targets pointed outside the repository)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOKUMEN = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TAUTAN = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("dokumen", DOKUMEN, ids=lambda p: p.name)
def test_relative_links_point_at_files_in_the_repository(dokumen):
    hilang = [t for t in TAUTAN.findall(dokumen.read_text(encoding="utf-8"))
              if "://" not in t and not t.startswith("mailto:") and not (dokumen.parent / t).exists()]
    assert hilang == []


def test_readme_links_the_quality_targets():
    assert "](docs/KUALITAS.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
