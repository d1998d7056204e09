from django.urls import path

from maeul.voting.staff_urls import urlpatterns as staff_urlpatterns
from maeul.voting.views import ballot, public

app_name = "voting"

urlpatterns = [
    path("votes/", public.vote_list, name="list"),
    path("votes/how-counting-works/", public.how_counting_works, name="how_counting_works"),
    path("votes/<int:pk>/", public.vote_detail, name="detail"),
    path("votes/<int:pk>/ballot/", ballot.ballot_form, name="ballot"),
    path("votes/<int:pk>/ballot/review/", ballot.ballot_review, name="review"),
    path("votes/<int:pk>/ballot/submit/", ballot.ballot_submit, name="submit"),
    path("votes/<int:pk>/receipt/<str:code>/", public.receipt, name="receipt"),
    path("votes/<int:pk>/receipts/", public.receipt_list, name="receipts"),
    path("votes/<int:pk>/result/", public.result, name="result"),
    path("votes/<int:pk>/export.pb", public.export_pb, name="export_pb"),
    path("votes/<int:pk>/export.csv", public.export_csv, name="export_csv"),
    *staff_urlpatterns,
]
