"""Pure rules of the evaluation service (no I/O): predikat, periods, angka kredit, talent box, KP reguler."""
