"""Every URL: the guide's (careerguide.guide_urls) and the admin's, whose modules are discovered here.

Django reads this for the admin's requests and for URLs reversed outside a request (commands, tests). The admin's
modules and django-import-export's hold about 3 MB, which a process that only serves the guide goes without:
the apps are installed without autodiscovery (SimpleAdminConfig) and core.urlconfs resolves the guide's requests
against careerguide.guide_urls.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import path

from careerguide import guide_urls

admin.autodiscover()
admin.site.site_header = "客服职业导航 · 管理后台"
admin.site.site_title = "客服职业导航"
admin.site.index_title = "内容管理"

urlpatterns = [*guide_urls.urlpatterns, path(settings.ADMIN_URL, admin.site.urls)]

handler400 = guide_urls.handler400
handler500 = guide_urls.handler500
