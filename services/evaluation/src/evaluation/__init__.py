"""The evaluation service: SKP evaluations, the talent box and the KP reguler promotion engine."""
