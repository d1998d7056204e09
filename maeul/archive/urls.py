from django.urls import path

from maeul.archive.views import dongs, files, public, write

app_name = "archive"

urlpatterns = [
    path("archive/", public.record_list, name="list"),
    path("archive/records/<int:pk>/", public.record_detail, name="record"),
    path("archive/photos/<int:pk>/", files.photo, name="photo"),
    path("archive/documents/<int:pk>/", files.document, name="document"),
    path("archive/exhibitions/", public.exhibition_list, name="exhibitions"),
    path("archive/exhibitions/<int:pk>/", public.exhibition_detail, name="exhibition"),
    path("archive/new/", write.new_record, name="new"),
    path("archive/staff/", write.desk, name="desk"),
    path("archive/staff/records/<int:pk>/approve/", write.approve, name="approve"),
    path("archive/staff/records/<int:pk>/withdraw/", write.withdraw, name="withdraw"),
    path("dongs/<str:code>/", dongs.dong_page, name="dong"),
    path("dongs/<str:code>/survey/", dongs.resource_survey, name="survey"),
    path("dongs/<str:code>/data.xlsx", dongs.export_xlsx, name="dong_xlsx"),
    path("dongs/<str:code>/booklet/<int:year>.pdf", dongs.booklet, name="booklet"),
]
