from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class PassendPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "pageSize"
    max_page_size = 100
    page_query_description = "Paginanummer (begint bij 1)."
    page_size_query_description = "Aantal resultaten per pagina (maximaal 100)."
    invalid_page_message = _("Deze pagina bestaat niet.")
