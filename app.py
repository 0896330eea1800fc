from kinerja import create_app
from kinerja.jobs import huey  # noqa: F401  huey's own consumer: huey_consumer app.huey -w 2 -k process

app = create_app()
