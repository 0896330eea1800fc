"""Pengembangan (C11): rencana pengembangan kompetensi after a signed evaluation, JP towards 20 a year,
forms B.1.8 and B.1.9, tindak lanjut (penghargaan/sanksi)."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("pengembangan", __name__, url_prefix="/pengembangan")
publik_bp = Blueprint("pengembangan_publik", __name__, url_prefix="/pengembangan/v")


def _akun_section(actor):
    from kinerja.beranda.services import Panel
    from kinerja.pengembangan.queries import capaian_jp
    from kinerja.waktu import today_local

    if actor.pegawai_id is None:
        return None
    tahun = today_local().year
    return Panel("pengembangan/partials/_jp.html", {"jp": capaian_jp(actor.pegawai_id, tahun), "tahun": tahun})


def _evaluasi_section(actor, ev):
    from kinerja.beranda.services import Panel
    from kinerja.pengembangan.queries import rencana_sebelumnya, tindak_lanjut

    ditandatangani = ev.ttd_penilai_at is not None
    return Panel("pengembangan/partials/_evaluasi.html", {
        "ev": ev, "sebelumnya": rencana_sebelumnya(ev), "ditandatangani": ditandatangani,
        "tindak_lanjut": tindak_lanjut(ev.id) if ditandatangani else []})


def init_app(app: Flask) -> None:
    from kinerja.demo import pengembangan as demo

    app.register_blueprint(bp)
    app.register_blueprint(publik_bp)
    kait.add_section(app, "akun", _akun_section)
    kait.add_section(app, "evaluasi", _evaluasi_section)
    kait.add_demo_step(app, 52, demo.load)


from kinerja.pengembangan import views  # noqa: E402,F401
