"""The predikat matrix of PermenPANRB 6/2022 (docs/domain.md, "The predikat matrix")."""

from __future__ import annotations

from jenjang_shared.contracts.vocabulary import Predikat, Rating

# (hasil kerja, perilaku kerja) -> predikat. Every one of the nine cells is listed on purpose.
PREDIKAT_MATRIX: dict[tuple[Rating, Rating], Predikat] = {
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
}


def predikat_of(hasil_kerja: Rating, perilaku_kerja: Rating) -> Predikat:
    """The predikat that follows from the two ratings; the client never chooses it."""
    return PREDIKAT_MATRIX[(Rating(hasil_kerja), Rating(perilaku_kerja))]
