"""Course services: setting courses up (`courses.py`), taking them (`taking.py`) and
recording completion (`completion.py`)."""
