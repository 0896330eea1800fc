"""A page of a list worked out in Python (a tree, groups): enough of Flask-SQLAlchemy's
``Pagination`` for the ``pagination`` macro (``templates/_macros/ui.html``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class HalamanDaftar:
    page: int
    per_page: int
    total: int
    items: list = field(default_factory=list)

    @classmethod
    def dari(cls, semua: list, page: int, per_page: int) -> HalamanDaftar:
        """The ``page``-th slice of ``semua`` (empty past the last page)."""
        page = max(page, 1)
        mulai = (page - 1) * per_page
        return cls(page, per_page, len(semua), semua[mulai:mulai + per_page])

    @property
    def pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1) if self.total else 0

    def iter_pages(self, left_edge=2, left_current=2, right_current=4, right_edge=2):
        last = 0
        for num in range(1, self.pages + 1):
            if (num <= left_edge or self.page - left_current <= num <= self.page + right_current
                    or num > self.pages - right_edge):
                if last + 1 != num:
                    yield None
                yield num
                last = num
