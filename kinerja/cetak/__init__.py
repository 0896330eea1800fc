"""Cetak Massal (C8): every document of a unit and period as one ZIP or one merged PDF, built by a
background job (kinerja.jobs) with live progress; signed documents copied byte-identical from storage."""

from flask import Blueprint, Flask

from kinerja import kait

bp = Blueprint("cetak", __name__, url_prefix="/cetak-massal")


def init_app(app: Flask) -> None:
    from kinerja.cetak import cli, services

    app.register_blueprint(bp)
    app.cli.add_command(cli.print_evaluations)
    kait.add_nav(app, "Cetak Massal", "cetak.index", lambda user: getattr(user, "is_authenticated", False)
                 and services.can_use(user), "/cetak-massal")
    kait.add_admin_menu(app, "cetak.index", "Cetak Massal",
                        "Semua dokumen evaluasi (Form B, C), SKP dan LKH satu unit dan periode sebagai satu ZIP "
                        "atau satu PDF gabungan.")


from kinerja.cetak import tugas, views  # noqa: E402,F401
