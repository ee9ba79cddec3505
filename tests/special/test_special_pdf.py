"""The special report PDF: every font embedded, A4, Chinese by default and English when the site is in English,
rendered to PNG (pdftoppm) and read back (pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.enterprise.helpers import FOOD, bind, make_account, signed_in
from tests.special.helpers import issued

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout  # noqa: S603


def pdf_of(client: FlaskClient, number: str, tmp_path: Path) -> tuple[Path, str]:
    response = client.get(f"/special-reports/{number}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    path = tmp_path / f"{number}.pdf"
    path.write_bytes(response.data)
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    assert rows
    assert all(row.split()[-5] == "yes" for row in rows), rows  # every font embedded (emb column)
    assert "595.276 x 841.89" in _run("pdfinfo", str(path))  # A4
    text = _run("pdftotext", "-layout", str(path), "-")
    return path, "".join(text.split())  # pdftotext may put spaces between CJK glyphs


def test_the_pdf_is_chinese_by_default_and_renders(site: Flask, tmp_path: Path) -> None:
    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    number = issued(company, binding.id, areas=["market", "tax"])
    path, text = pdf_of(company, number, tmp_path)
    assert "专项信用报告" in text
    assert number in text
    assert "株洲示例食品有限公司" in text
    assert "株市监罚〔2026〕15号" in text
    assert "公示中" in text
    assert "报告期内该领域无违法违规记录" in text  # 税务
    assert "2022-01-01至2026-11-23" in text
    assert "刑事裁判" in text
    _run("pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page"))
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages
    assert all(p.stat().st_size > 5000 for p in pages)


def test_the_pdf_is_english_when_the_site_is(site: Flask, tmp_path: Path) -> None:
    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    company.set_cookie("locale", "en")
    number = issued(company, binding.id, areas=["market", "tax"])
    _path, text = pdf_of(company, number, tmp_path)
    assert "Specialcreditreport" in text
    assert "Marketregulation" in text
    assert "Beingpublicised" in text
    assert "Norecordofviolationsoflawsorregulationsinthisareaduringthereportperiod." in text
    assert "株市监罚〔2026〕15号" in text  # departments' data is shown as published


def test_every_area_is_numbered_in_the_pdf(site: Flask, tmp_path: Path) -> None:
    from tests.special.helpers import ALL_AREAS

    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    number = issued(company, binding.id, start="2021-11-23", areas=ALL_AREAS)
    _path, text = pdf_of(company, number, tmp_path)
    assert "十、农业农村" in text  # 一、… 十四、: more areas than the credit report has sections
    assert "十四、其他领域" in text
    assert "十二、城市管理" in text
