# Django's Russian formats, except that a day and month read "5 октября", as in a full date.
from django.conf.locale.ru.formats import *  # noqa: F403

MONTH_DAY_FORMAT = "j E"
