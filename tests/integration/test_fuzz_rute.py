"""R4 route-wide: every rule of ``app.url_map`` with bad values never answers 5xx.

Each rule is requested (GET and POST, with the CSRF token) as the admin and as an atasan who has
data of his own and of his staff, with each bad value in turn

- in each path parameter (the other path parameters keep a real id),
- in every query parameter that some view reads (found by reading the views' source, so a new
  view's parameters are covered without editing this file),
- in every form field that some form declares (all WTForms forms, plus ``request.form`` reads),
  both all at once and, for the forms listed in ``BASELINES``, one field at a time inside an
  otherwise valid submission (the bad value then reaches the service, not only the form).

New routes are picked up by iterating ``url_map``; a route that needs special handling gets an
entry in ``EXCEPTIONS`` with the reason.  Deterministic: no randomness, the same requests every run.
"""

from __future__ import annotations

import re
from datetime import UTC, timedelta
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import pytest
from werkzeug.routing.converters import NumberConverter
from wtforms.fields import FieldList, FormField
from wtforms.fields.core import UnboundField

from kinerja.extensions import db
from kinerja.formulir import FormulirDasar
from kinerja.waktu import today_local
from tests.support.evaluasi import buat_aktivitas, buat_skenario
from tests.support.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]

BAD = (
    "18446744073709551616",  # 2^64: above SQLite's and PostgreSQL's bigint
    "9223372036854775808",  # 2^63
    "2147483648",  # 2^31: above PostgreSQL's integer
    "²",  # str.isdigit() but not int()
    "-1",
    "0",
    "99999",  # year 99999
    "10000",  # year 10000
    "0001-01-01",
    "9999-12-31",
    "a\x00b\x01c",  # NUL and a control character
    "<script>alert(1)</script>\"'",
    "x" * 5000,
)

# Rules that are not requested, each with its reason.
EXCEPTIONS = {
    "static": "berkas statis, bukan view aplikasi",
    "akun.logout": "mengakhiri sesi penguji; tidak membaca masukan selain token CSRF",
}


# ------------------------------------------------------------------ discovery


_ARGS = re.compile(r"(?:args\.get(?:list)?|arg_id)\(\s*[\"'](\w+)[\"']")
# Helpers every view may use to read the query string.
_SHARED = ("kinerja/akses.py", "kinerja/htmx.py", "kinerja/web.py", "kinerja/formulir.py")


def _sources() -> str:
    return "\n".join(p.read_text() for p in (ROOT / "kinerja").rglob("*.py"))


def query_params() -> list[str]:
    """Every ``?name=`` some view reads (``request.args.get("x")``, ``args.get("x", type=int)``, …)."""
    return sorted(set(_ARGS.findall(_sources())))


@lru_cache
def _package_params(package: str) -> frozenset[str]:
    folder = ROOT / package.replace(".", "/")
    files = list(folder.rglob("*.py")) if folder.is_dir() else [folder.with_suffix(".py")]
    files += [ROOT / f for f in _SHARED]
    return frozenset(n for f in files if f.exists() for n in _ARGS.findall(f.read_text()))


def params_of(app, endpoint: str) -> list[str]:
    """The query parameters the view's feature package (and the shared helpers) read."""
    module = app.view_functions[endpoint].__module__
    package = module.rsplit(".", 1)[0] if module.count(".") >= 2 else module
    return sorted(_package_params(package))


def _fields_of(form_cls, prefix: str = "") -> set[str]:
    names = set()
    for attr in dir(form_cls):
        unbound = getattr(form_cls, attr, None)
        if not isinstance(unbound, UnboundField):
            continue
        name = unbound.kwargs.get("name") or attr
        if unbound.field_class is FieldList and unbound.args and isinstance(unbound.args[0], UnboundField):
            inner = unbound.args[0]
            for i in (0, 1):
                if inner.field_class is FormField:
                    names |= _fields_of(inner.args[0], f"{prefix}{name}-{i}-")
                else:
                    names.add(f"{prefix}{name}-{i}")
        elif unbound.field_class is FormField:
            names |= _fields_of(unbound.args[0], f"{prefix}{name}-")
        else:
            names.add(prefix + name)
    return names


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def form_fields() -> list[str]:
    """Every field of every form, plus names views read straight from ``request.form``."""
    names = set(re.findall(r"request\.form\.get(?:list)?\(\s*[\"'](\w+)[\"']", _sources()))
    for cls in _subclasses(FormulirDasar):
        names |= _fields_of(cls)
    names.discard("csrf_token")
    return sorted(names)


_PARAM = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def build_url(rule: str, values: dict[str, str]) -> str:
    """The rule with its parameters filled in; a parameter without a known real value gets "1"."""
    return _PARAM.sub(lambda m: quote(values.get(m.group(2), "1"), safe=""), rule)


# ------------------------------------------------------------------ data and roles


@pytest.fixture
def dunia(factory, org, app):
    """Real data for every kind of id: SKP, RHK, IKI, evaluasi, aktivitas, dialog, notifikasi…"""
    from datetime import datetime, time

    from kinerja.models import Dialog, HariLibur, Notifikasi, PesertaDialog, TindakLanjut

    sk = buat_skenario(factory, org)
    today = today_local("Asia/Jakarta")
    skp = sk.skp["staf1"]
    rhk = skp.rhk[0]
    akt = buat_aktivitas(org.staf1, rhk, today - timedelta(days=1), status="Diajukan")
    dialog = Dialog(pimpinan_id=org.kasi.id, jenis="Rapat", judul="Rapat uji",
                    waktu_mulai=datetime.combine(today, time(9), tzinfo=UTC))
    db.session.add(dialog)
    db.session.flush()
    tl = TindakLanjut(dialog_id=dialog.id, uraian="Tindak lanjut uji", penanggung_jawab_id=org.staf1.id,
                      batas_waktu=today + timedelta(days=7))
    libur = HariLibur(tanggal=today.replace(month=1, day=1), nama="Tahun Baru", jenis="nasional")
    db.session.add_all([PesertaDialog(dialog_id=dialog.id, pegawai_id=org.staf1.id), tl, libur])
    db.session.flush()
    notif = db.session.query(Notifikasi).first()
    ids = {
        "aktivitas_id": akt.id, "bukti_id": 1, "dialog_id": dialog.id, "tindak_lanjut_id": tl.id,
        "evaluasi_id": sk.ev["staf1"].id, "periode_id": sk.periode.id, "unit_id": org.seksi.id,
        "pegawai_id": org.staf1.id, "jabatan_id": 1, "hari_libur_id": libur.id, "skp_id": skp.id,
        "rhk_id": rhk.id, "iki_id": rhk.iki[0].id, "versi": 1, "tahun": today.year, "bulan": today.month,
        "notifikasi_id": notif.id if notif else 1, "delegasi_id": 1, "jenis": "evaluasi", "langkah": "penjelasan",
        "kode": "ABCDEFGH", "filename": "css/app.css",
    }
    return {k: str(v) for k, v in ids.items()}, sk


def _rules(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if rule.endpoint in EXCEPTIONS:
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            yield rule, method


class Fuzzer:
    """Sends requests and collects every 5xx (or exception, as the test client propagates them)."""

    def __init__(self, browser):
        self.browser = browser
        self.problems: list[str] = []
        self.sent = 0

    def __call__(self, method: str, url: str, where, **kwargs):
        send = self.browser.get if method == "GET" else self.browser.post
        self.sent += 1
        try:
            response = send(url, **kwargs)
        except Exception as err:  # noqa: BLE001 - reported below with the request that caused it
            db.session.rollback()
            self.problems.append(f"{where}: {type(err).__name__}: {str(err)[:200]}")
            return None
        if response.status_code >= 500:
            self.problems.append(f"{where}: HTTP {response.status_code}")
        return response

    def assert_clean(self):
        assert not self.problems, f"{len(self.problems)} dari {self.sent} permintaan gagal:\n" + "\n".join(
            self.problems[:60])


def _ensure_login(browser, ident):
    if browser.get("/akun/sisa-sesi").status_code != 200:
        browser.login(ident, PASSWORD)


# Every rule gets these in every place; the other bad values rotate over the rules (two per rule),
# so that each value still meets every kind of view while the run stays well under a minute.
CORE = ("18446744073709551616", "2147483648", "²", "a\x00b\x01c", "9999-12-31")
EXTRA = tuple(b for b in BAD if b not in CORE)
DIGITS = tuple(b for b in BAD if b.isdigit())
# What the admin role sends to the rules the pegawai role covers in full: the values that reach
# the database (an id beyond its range, NUL) and the ones that reach date arithmetic.
RINGKAS = ("18446744073709551616", "a\x00b\x01c", "9999-12-31")
RINGKAS_ID = ("18446744073709551616", "2147483648", "0")


def _sample(k: int) -> tuple[str, ...]:
    return CORE + (EXTRA[(2 * k) % len(EXTRA)], EXTRA[(2 * k + 1) % len(EXTRA)])


def _fuzz(app, fuzz: Fuzzer, ident, values, fokus=None) -> None:
    """``fokus``: a predicate on the endpoint; other rules get the core values only (the other role
    covers them in full), which keeps the run short."""
    fields = form_fields()
    for k, (rule, method) in enumerate(_rules(app)):
        _ensure_login(fuzz.browser, ident)
        queries = params_of(app, rule.endpoint)
        url = build_url(rule.rule, values)
        first = fuzz(method, url, (method, rule.rule, "-", "-"))
        # A rendered PDF costs a few hundred ms: its query string gets the core values only.
        pdf = first is not None and first.mimetype == "application/pdf"
        luar = fokus is not None and not fokus(rule.endpoint)  # the other role covers this rule in full
        sample = RINGKAS if luar else CORE if pdf else _sample(k)
        digits = RINGKAS_ID if luar else DIGITS
        for name in rule.arguments:  # each path parameter, the others real
            # werkzeug's int converter matches ASCII digits only: other values never reach the view.
            for i, bad in enumerate(digits if name in _int_params(rule) else sample):
                fuzz(method, build_url(rule.rule, {**values, name: bad}), (method, rule.rule, name, bad[:30]),
                     htmx=i % 2 == 1)
        for i, bad in enumerate(sample):
            if method == "GET":
                fuzz(method, url, (method, rule.rule, "?*", bad[:30]), query_string=dict.fromkeys(queries, bad),
                     htmx=i % 2 == 1)
            else:
                fuzz(method, url, (method, rule.rule, "form*", bad[:30]), data=dict.fromkeys(fields, bad),
                     htmx=i % 2 == 1)
        if method == "GET" and len(queries) > 1:
            # one query parameter at a time (a parameter that fails early must not hide another one
            # behind it), the bad value rotating
            for j, name in enumerate(queries):
                bad = sample[j % len(sample)]
                fuzz(method, url, (method, rule.rule, name, bad[:30]), query_string={name: bad})


def _int_params(rule) -> set[str]:
    return {name for name, conv in rule._converters.items() if isinstance(conv, NumberConverter)}


def _baselines(values, today):
    """Valid submissions of the forms that lead to services; each field is replaced in turn."""
    rhk = values["rhk_id"]
    return {
        "/aktivitas": {"tanggal": today.isoformat(), "jam_mulai": "08:00", "jam_selesai": "09:00",
                       "uraian": "Menyusun laporan", "volume": "1", "satuan": "laporan", "rhk": rhk},
        "/aktivitas/salin-kemarin": {"tanggal": today.isoformat()},
        "/aktivitas/ajukan": {"tanggal": today.isoformat(), "aksi": "terpilih", "ids": values["aktivitas_id"]},
        "/verifikasi/setujui-terpilih": {"ids": values["aktivitas_id"]},
        f"/verifikasi/aktivitas/{values['aktivitas_id']}/kembalikan": {"catatan": "Perbaiki uraian"},
        f"/verifikasi/aktivitas/{values['aktivitas_id']}/komentar": {"isi": "Komentar"},
        "/dialog/baru": {"tanggal": today.isoformat(), "topik": "Rapat", "peserta": values["pegawai_id"]},
        f"/dialog/{values['dialog_id']}/tindak-lanjut": {"uraian": "Kerjakan", "pemilik": values["pegawai_id"],
                                                         "batas": (today + timedelta(days=3)).isoformat()},
        "/verifikasi/delegasi": {"delegasi": values["pegawai_id"], "mulai": today.isoformat(),
                                 "selesai": (today + timedelta(days=3)).isoformat()},
        "/admin/kalender/tambah": {"tanggal": today.isoformat(), "nama": "Libur", "jenis": "libur",
                                   "tahun": str(today.year)},
        "/admin/unit/baru": {"nama": "Unit Fuzz", "induk": values["unit_id"], "hari_kerja_per_minggu": "5"},
        "/skp/buat": {"tahun": str(today.year + 1), "pendekatan": "Kuantitatif"},
        "/admin/tahun-kinerja": {"tahun": str(today.year + 1), "pola": "semesteran"},
        f"/admin/tahun-kinerja/periode/{values['periode_id']}/batas": {"batas_pengisian": today.isoformat()},
        f"/evaluasi/{values['evaluasi_id']}/batas": {"batas": today.isoformat()},
    }


def _fuzz_baselines(fuzz: Fuzzer, ident, values) -> None:
    today = today_local("Asia/Jakarta")
    for url, base in _baselines(values, today).items():
        _ensure_login(fuzz.browser, ident)
        for k, name in enumerate(base):
            # the core values, and a third of the others (a different third for each field)
            for bad in dict.fromkeys(CORE + BAD[k % 3::3]):
                fuzz("POST", url, ("POST", url, name, bad[:30]), data={**base, name: bad}, htmx=True)


@pytest.mark.parametrize("peran", ["admin", "atasan"])
def test_no_route_answers_5xx(app, browser, dunia, peran):
    values, sk = dunia
    ident = "admin" if peran == "admin" else sk.org.kasi.nip
    browser.login(ident, PASSWORD)
    fuzz = Fuzzer(browser)
    admin_only = ("admin.", "periode.", "audit.")
    _fuzz(app, fuzz, ident, values, fokus=(lambda e: e.startswith(admin_only)) if peran == "admin" else None)
    _fuzz_baselines(fuzz, ident, values)
    print(f"fuzz rute ({peran}): {fuzz.sent} permintaan")
    fuzz.assert_clean()
    assert fuzz.sent > 1000


def test_anonymous_routes_never_5xx(app, browser, dunia):
    values, _ = dunia
    fuzz = Fuzzer(browser)
    for rule, method in _rules(app):
        for bad in BAD:
            url = build_url(rule.rule, {**values, **dict.fromkeys(rule.arguments, bad)})
            fuzz(method, url, (method, rule.rule, bad[:30]))
    for bad in BAD:
        fuzz("POST", "/login", ("login", bad[:30]), data={"identitas": bad, "kata_sandi": bad})
    fuzz.assert_clean()


def test_discovery_finds_known_parameters():
    assert {"halaman", "pegawai", "tanggal", "unit"} <= set(query_params())
    assert {"uraian", "tanggal", "rhk", "ids"} <= set(form_fields())
