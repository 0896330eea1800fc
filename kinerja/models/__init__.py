"""All models, one module per aggregate.  Import from here."""

from kinerja.models.aktivitas import (  # noqa: F401
    Aktivitas,
    BuktiDukung,
    DelegasiVerifikasi,
    KegiatanRutin,
    KomentarAktivitas,
)
from kinerja.models.akun import Akun, KodePemulihan, LoginThrottle, PerangkatTepercaya  # noqa: F401
from kinerja.models.audit import AuditEvent, AuditHead  # noqa: F401
from kinerja.models.dialog import Dialog, PesertaDialog, TindakLanjut  # noqa: F401
from kinerja.models.evaluasi import (  # noqa: F401
    CapaianOrganisasi,
    DokumenEvaluasi,
    Evaluasi,
    EvaluasiIki,
    EvaluasiRhk,
    RealisasiRhk,
    UmpanBalikPerilaku,
)
from kinerja.models.ketidakhadiran import Ketidakhadiran, RencanaAksi  # noqa: F401
from kinerja.models.mutasi import PenugasanPlt, RiwayatJabatan  # noqa: F401,E402
from kinerja.models.notifikasi import Notifikasi, PengingatTerkirim, PreferensiNotifikasi, TokenSandi  # noqa: F401
from kinerja.models.organisasi import HariLibur, Instansi, Jabatan, Pegawai, PejabatLuar, UnitKerja  # noqa: F401
from kinerja.models.pekerjaan import Pekerjaan  # noqa: F401
from kinerja.models.pengembangan import (  # noqa: F401
    KegiatanPengembangan,
    RencanaPengembangan,
    TindakLanjutEvaluasi,
    UmpanBalikBimbingan,
)
from kinerja.models.periode import Periode, TahunKinerja  # noqa: F401
from kinerja.models.skp import Iki, PerilakuSkp, Rhk, Skp, SkpVersi  # noqa: F401
from kinerja.models.sosialisasi import (  # noqa: F401
    LampiranPengumuman,
    PenerimaPengumuman,
    Pengumuman,
    PesertaSosialisasi,
    PreferensiPanduan,
    SesiSosialisasi,
)
