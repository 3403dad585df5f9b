"""Pages of the procesregie module; thin: reads via selectors, writes via services."""

from passend.cases.views import CaseSectionView


class CaseProcesregieView(CaseSectionView):
    """The 'Procesregie' tab of a case."""

    template_name = "procesregie/case.html"
    case_tab = "procesregie"
    audit_purpose = "procesregie bekijken"
