"""The language identification behind BL502/BL503: a cheap script test
(script.py) in front of langdetect, whose profiles are loaded lazily
(profiles.py)."""
