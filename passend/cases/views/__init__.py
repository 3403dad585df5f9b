"""Pages of cases, by kind: ``base`` (what every case page of every module builds on),
``case`` (list, overview, downloads), ``pages`` (the overview's consent, attachment,
screening and status pages), ``casework`` (perspectief, casusregie, closure),
``registration`` (the aanmeldformulier) and ``public`` (self-registration).

Other modules' case tabs build on ``CaseMixin`` and ``CaseSectionView``."""

from .base import CASE_TABS, CaseMixin, CaseSectionView, case_tabs

__all__ = ["CASE_TABS", "CaseMixin", "CaseSectionView", "case_tabs"]
