"""Jenjang training service: catalogue, enrolment, completion with JP, the yearly JP balance and recommendations."""
