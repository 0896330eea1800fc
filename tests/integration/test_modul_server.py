"""The module the servers load (``app:app``): the objects of the start-up are frozen for the garbage
collector (#17), so a full collection walks what requests made, not the whole program."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import gc
import app
beku = gc.get_freeze_count()
print(beku, len(gc.get_objects()), app.app.name)
"""


def test_the_start_up_objects_are_frozen(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "KINERJA_INSTANCE_PATH": str(tmp_path),
           "KINERJA_DATABASE_URL": f"sqlite:///{tmp_path / 'kinerja.db'}"}
    out = subprocess.run([sys.executable, "-c", PROGRAM], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True, timeout=120)
    beku, dilacak, nama = out.stdout.split()
    assert nama == "kinerja"  # the app was built
    assert int(beku) > 50_000 and int(dilacak) < int(beku) // 10, out.stdout  # the collector walks a tenth or less
