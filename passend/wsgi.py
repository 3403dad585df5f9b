import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passend.settings.production")
application = get_wsgi_application()
# Everything loaded so far (modules, URL conf, settings) lives as long as the process: move it
# out of the garbage collector's view, so a full collection walks only what requests create. A
# broad social-map search creates thousands of small tuples; without this, the collections it
# triggers walk the whole app and cost tens of milliseconds (bench/socialmap_search.py).
gc.freeze()
