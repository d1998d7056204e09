"""`{% load legal %}{% site_operator as operator %}`: the operator for the footer, and
`{% site_source_url as source_url %}`: where the site's source code is offered.

A tag rather than a context processor, so that the 500 page (rendered without context
processors) still names the operator and its contact details.
"""

from django import template
from django.conf import settings

from maeul.core.legal import Operator

register = template.Library()


@register.simple_tag
def site_operator() -> Operator:
    operator: Operator = settings.MAEUL_OPERATOR
    return operator


@register.simple_tag
def site_source_url() -> str:
    url: str = settings.MAEUL_SOURCE_URL
    return url
