"""Benchmark C7: the dasbor of the whole dinas and the three rekap workbooks.

Standalone: ``.venv/bin/python bench/bench_dasbor.py [--scale 2000] [--small 200] [--runs 5]``.

For ``--small`` and ``--scale`` pegawai: a fresh SQLite database (create_all + ``load_demo(scale=N)``,
a year of daily logs).  Then, in-process with the production config, the Kepala Dinas's pages for the top
unit — the month view, its trend fragment, the period view — each ``--runs`` times after a warm-up:
median and maximum server time (the WSGI call, no network) and the number of SQL statements (the
same at both sizes when the page is bounded), plus the process CPU time (SQLite runs in-process,
so this is the server's own work, less sensitive than wall time to other load on the machine).  Then the three rekap workbooks for the whole dinas
(median build time).  Targets (issue #12): dasbor ≤ 0.5 s at 2,000 pegawai, rekap of 2,000 pegawai
≤ 5 s; printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_server import ROOT, build_database, server_env  # noqa: E402

MEASURE = r"""
import json, os, statistics, sys, time
from datetime import date
from sqlalchemy import event, select
from kinerja import create_app
from kinerja.extensions import db
from kinerja.models import Periode
from kinerja.dasbor import queries, rekap
from kinerja.dasbor.publik import _Sistem
from kinerja.waktu import today_local

runs = int(sys.argv[1])
app = create_app("production", WTF_CSRF_ENABLED=False)
client = app.test_client()
count = [0]
with app.app_context():
    from kinerja.models import Pegawai

    c = queries.cakupan(_Sistem())
    root = c.akar[0]
    periode = db.session.execute(select(Periode).order_by(Periode.tanggal_mulai)).scalars().first()
    # The head of the top unit (the Kepala Dinas) sees the whole dinas, like the admin.
    nip = db.session.execute(select(Pegawai.nip).where(Pegawai.unit_id == root, Pegawai.pimpinan)).scalar_one()
    event.listen(db.engine, "before_cursor_execute", lambda *a: count.__setitem__(0, count[0] + 1))
r = client.post("/login", data={"identitas": nip, "kata_sandi": "kinerja-demo-2026"})
assert r.status_code == 302 and r.headers["Location"].endswith("/"), (r.status_code, r.headers.get("Location"))
hasil = {"pegawai": None, "halaman": {}, "rekap": {}}
bulan = today_local().strftime("%Y-%m")
for nama, url in (("bulanan", f"/dasbor/unit/{root}?bulan={bulan}"),
                  ("tren (htmx)", f"/dasbor/unit/{root}/tren?bulan={bulan}"),
                  ("periode", f"/dasbor/unit/{root}/periode?periode={periode.id}")):
    headers = {"HX-Request": "true"} if "htmx" in nama else {}
    first = client.get(url, headers=headers)
    assert first.status_code == 200, (url, first.status_code, first.headers.get("Location"))
    waktu, cpu, kueri = [], [], []
    for _ in range(runs):
        count[0] = 0
        t, p = time.perf_counter(), time.process_time()
        resp = client.get(url, headers=headers)
        waktu.append(time.perf_counter() - t)
        cpu.append(time.process_time() - p)
        kueri.append(count[0])
        assert resp.status_code == 200
    hasil["halaman"][nama] = (statistics.median(waktu), max(waktu), max(kueri), statistics.median(cpu))
with app.app_context():
    c = queries.cakupan(_Sistem())
    hari_ini = today_local()
    hasil["pegawai"] = len(queries.dasbor_bulan(c, root, hari_ini.year, hari_ini.month, hari_ini).pegawai)
    for nama, build in (("Rekap Capaian Bulanan", lambda: rekap.rekap_bulanan(c, root, hari_ini.year, hari_ini.month, hari_ini)),
                        ("Rekap Kepatuhan", lambda: rekap.rekap_kepatuhan(c, root, hari_ini.year, hari_ini.month, hari_ini)),
                        ("Rekap Predikat", lambda: rekap.rekap_predikat(c, root, db.session.merge(periode), hari_ini))):
        waktu, cpu = [], []
        for _ in range(max(runs // 2, 1)):
            t, p = time.perf_counter(), time.process_time()
            isi = build()
            waktu.append(time.perf_counter() - t)
            cpu.append(time.process_time() - p)
            db.session.rollback()
        hasil["rekap"][nama] = (statistics.median(waktu), len(isi), statistics.median(cpu))
print("HASIL " + json.dumps(hasil))
"""


def measure(instance: Path, runs: int) -> dict:
    import json

    env = server_env(instance)
    result = subprocess.run([sys.executable, "-c", MEASURE, str(runs)], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"pengukuran gagal:\n{result.stderr[-3000:]}")
    line = next(line for line in result.stdout.splitlines() if line.startswith("HASIL "))
    return json.loads(line[6:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    semua = {}
    for scale in (args.small, args.scale):
        instance = Path(tempfile.mkdtemp(prefix=f"kinerja-bench-dasbor-{scale}-"))
        _, seconds = build_database(instance, scale)
        print(f"\n== skala {scale} pegawai: data demo dibuat dalam {seconds:.1f} s ({instance})", flush=True)
        started = time.perf_counter()
        hasil = measure(instance, args.runs)
        semua[scale] = hasil
        print(f"   {hasil['pegawai']} pegawai aktif di unit teratas; diukur dalam {time.perf_counter() - started:.0f} s")
        for nama, (median, maks, kueri, cpu) in hasil["halaman"].items():
            print(f"   GET dasbor {nama:<12} median {median * 1000:6.0f} ms  maks {maks * 1000:6.0f} ms  "
                  f"CPU proses {cpu * 1000:5.0f} ms  {kueri} kueri SQL")
        for nama, (median, size, cpu) in hasil["rekap"].items():
            print(f"   {nama:<22} median {median:5.2f} s  CPU proses {cpu:5.2f} s  ({size / 1024:.0f} KB)")
    kecil, besar = semua[args.small], semua[args.scale]
    print("\n== ringkasan")
    for nama in besar["halaman"]:
        sama = "sama" if kecil["halaman"][nama][2] == besar["halaman"][nama][2] else "BERBEDA"
        target = "≤ 0,5 s: " + ("ya" if besar["halaman"][nama][0] <= 0.5 else "TIDAK")
        print(f"   {nama:<12} kueri {kecil['halaman'][nama][2]} → {besar['halaman'][nama][2]} ({sama}); "
              f"median {besar['halaman'][nama][0] * 1000:.0f} ms pada {args.scale} pegawai ({target})")
    for nama, (median, _, _) in besar["rekap"].items():
        print(f"   {nama:<22} {median:.2f} s pada {args.scale} pegawai (≤ 5 s: {'ya' if median <= 5 else 'TIDAK'})")
    print(f"   (mesin: {os.cpu_count()} inti; beban 1 menit {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
