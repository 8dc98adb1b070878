# Django's Azerbaijani formats, except that a day and month read "5 oktyabr", as in a full date.
# (Month names are lower case inside a date: locale/az overrides Django's "alt. month" names.)
from django.conf.locale.az.formats import *  # noqa: F403

MONTH_DAY_FORMAT = "j E"

# Django's Azerbaijani catalogue capitalises the month names used inside a date ("5 Oktyabr 1992");
# locale/az/LC_MESSAGES/django.po gives them in lower case. Listed here so that makemessages keeps
# them in the catalogue.
from django.utils.translation import pgettext_lazy  # noqa: E402

MONTHS_IN_A_DATE = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
