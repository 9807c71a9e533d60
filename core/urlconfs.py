"""Which URL conf a request is resolved against: the admin's requests against ROOT_URLCONF (every URL), all others
against GUIDE_URLCONF (the guide's alone), so that serving the guide never imports what only editors use."""

from django.conf import settings
from django.urls import set_urlconf


def is_admin(request):
    return request.path_info.startswith("/" + settings.ADMIN_URL)


class GuideURLConfMiddleware:
    """First in MIDDLEWARE, so that a middleware resolving or reversing a URL before the view (core.cache) uses
    the URL conf the request will be resolved against."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_admin(request):
            request.urlconf = settings.GUIDE_URLCONF
            set_urlconf(request.urlconf)  # as Django does when it resolves the request; reset when it finishes
        return self.get_response(request)
