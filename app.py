from kinerja import create_app

app = create_app()
