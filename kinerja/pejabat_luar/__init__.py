"""Pejabat luar instansi (C12): officials outside the dinas — the Sekretaris Daerah as pejabat penilai
of the Kepala Dinas, the Bupati as atasan pejabat penilai — recorded by the admin, set as penilai of
the top of the tree, with an optional account limited to what they must see and sign."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("pejabat_luar", __name__, url_prefix="/pejabat-luar")


def init_app(app: Flask) -> None:
    from kinerja.demo import pejabat_luar as demo

    app.register_blueprint(bp)
    kait.add_admin_menu(app, "pejabat_luar.daftar", "Pejabat Luar Instansi",
                        "Sekretaris Daerah, Bupati: pejabat penilai dan atasan pejabat penilai kepala dinas.")
    # Who evaluates the top of the tree is organisation data: recorded before the SKP (20) and the
    # evaluations (40), so the evaluations of the Kepala Dinas's direct reports name the Sekda as
    # atasan pejabat penilai.  After the evaluations (45): capaian, Penetapan, the Kepala Dinas's evaluation.
    kait.add_demo_step(app, 15, demo.load)
    kait.add_demo_step(app, 45, demo.load_penilaian)


from kinerja.pejabat_luar import views  # noqa: E402,F401
