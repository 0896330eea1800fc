"""Organisation use cases, one module per aggregate.

Each use case takes the acting user, checks permission, applies the rules,
writes, records the audit event and commits once.
"""

from kinerja.organisasi.services.instansi import *  # noqa: F401,F403
from kinerja.organisasi.services.jabatan import *  # noqa: F401,F403
from kinerja.organisasi.services.kalender import *  # noqa: F401,F403
from kinerja.organisasi.services.pegawai import *  # noqa: F401,F403
from kinerja.organisasi.services.unit import *  # noqa: F401,F403
