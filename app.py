import gc

from kinerja import create_app
from kinerja.jobs import huey  # noqa: F401  huey's own consumer: huey_consumer app.huey -w 2 -k process

app = create_app()

# Everything built so far (modules, the app, SQLAlchemy's mappers: some 200,000 objects) lives as long as
# the process.  Frozen, the cyclic garbage collector no longer walks it on every full collection: such a
# collection held the interpreter for 150–190 ms every few thousand requests (#17).  The garbage of the
# start-up goes first.
gc.collect()
gc.freeze()
