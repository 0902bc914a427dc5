"""One module per screen; each is a Screen (screens/base.py) on the app's stack."""
