"""``kinerja.atasan``'s direct subordinates on record (``_langsung``) are read as plain rows, their
unit's parent with them (what a unit head's position needs).  The effective subordinates while a
Plt/Plh runs must stay what they were with ORM objects, and a change of atasan still pending in the
request must count."""

from datetime import timedelta

from kinerja import atasan
from kinerja.extensions import db
from kinerja.models import PenugasanPlt
from kinerja.waktu import today_local


def _plt(pejabat, unit):
    hari_ini = today_local()
    db.session.add(PenugasanPlt(jenis="Plt", pejabat_id=pejabat.id, unit_id=unit.id,
                                tanggal_mulai=hari_ini - timedelta(days=1), tanggal_selesai=hari_ini + timedelta(days=5)))
    db.session.commit()


def test_a_unit_head_below_goes_to_the_plt_of_the_parent_unit(app, org):
    _plt(org.staf3, org.bidang)  # Plt Kepala Bidang Uji: the kasi (head of a seksi of the bidang) goes to him
    with app.test_request_context("/"):
        assert atasan.bawahan_efektif_ids(org.kabid.id) == set()
        assert atasan.dialihkan_ids(org.kabid.id) == {org.kasi.id}
        assert org.kasi.id in atasan.bawahan_efektif_ids(org.staf3.id)
        assert atasan.bawahan_efektif_ids(org.kasi.id) == {org.staf1.id, org.staf2.id}  # a seksi's staff stay


def test_a_move_still_pending_in_the_session_counts(app, org):
    _plt(org.staf3, org.bidang2)  # a Plt runs: the effective subordinates are worked out from the rows
    with app.test_request_context("/"):
        org.staf3.atasan_id = org.kasi.id  # not flushed yet
        assert atasan.bawahan_efektif_ids(org.kasi.id) == {org.staf1.id, org.staf2.id, org.staf3.id}
