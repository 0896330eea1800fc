"""The pure rules of mutasi and Plt/Plh live in the core module :mod:`kinerja.aturan_jabatan` (every
feature's permissions ask them through :mod:`kinerja.atasan`); re-exported here for this feature."""

from kinerja.aturan_jabatan import *  # noqa: F403
from kinerja.aturan_jabatan import GANTI_ATASAN, JENIS_MUTASI, JENIS_PENUGASAN, MUTASI, PLH, PLT, PROMOSI  # noqa: F401
