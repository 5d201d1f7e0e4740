from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("", views.pathway, name="pathway"),
    path("search/", views.search, name="search"),
    path("poster/", views.poster, name="poster"),
    path("just-culture-self-assessment/", views.self_assessment, name="self_assessment"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("stories/", views.stories, name="stories"),
    path("stories/<int:pk>/", views.story, name="story"),
    path("policies/", views.policies, name="policies"),
    path("policies/new/", views.policy_create, name="policy_create"),
    path("policies/<slug:slug>/", views.policy, name="policy"),
    path("policies/<slug:slug>/v<int:number>/", views.policy_version, name="policy_version"),
    # Editing, for coordinators.
    path("manage/", views.manage, name="manage"),
    path("pages/<slug:slug>/edit/", views.page_edit, name="page_edit"),
    path("pages/<slug:slug>/draft/", views.page_draft, name="page_draft"),
    path("pages/<slug:slug>/publish/", views.page_publish, name="page_publish"),
    path("pages/<slug:slug>/discard-draft/", views.page_discard, name="page_discard"),
    path("pages/<slug:slug>/history/", views.page_history, name="page_history"),
    path("pages/<slug:slug>/sites/<slug:site>/", views.override_edit, name="override_edit"),
    path(
        "pages/<slug:slug>/sites/<slug:site>/publish/",
        views.override_publish,
        name="override_publish",
    ),
    path(
        "pages/<slug:slug>/sites/<slug:site>/remove/",
        views.override_delete,
        name="override_delete",
    ),
    path("manage/stories/", views.manage_stories, name="manage_stories"),
    path("stories/new/", views.story_create, name="story_create"),
    path("stories/<int:pk>/edit/", views.story_edit, name="story_edit"),
    path("stories/<int:pk>/draft/", views.story_draft, name="story_draft"),
    path("stories/<int:pk>/publish/", views.story_publish, name="story_publish"),
    path("stories/<int:pk>/withdraw/", views.story_withdraw, name="story_withdraw"),
    path("stories/<int:pk>/history/", views.story_history, name="story_history"),
    path("manage/hotlines/", views.hotlines, name="hotlines"),
    path("hotlines/new/", views.hotline_create, name="hotline_create"),
    path("hotlines/<int:pk>/edit/", views.hotline_edit, name="hotline_edit"),
    path("hotlines/<int:pk>/history/", views.hotline_history, name="hotline_history"),
    path(
        "policies/<slug:slug>/new-version/",
        views.policy_version_create,
        name="policy_version_create",
    ),
    path(
        "policies/<slug:slug>/v<int:number>/edit/",
        views.policy_version_edit,
        name="policy_version_edit",
    ),
    path(
        "policies/<slug:slug>/v<int:number>/publish/",
        views.policy_version_publish,
        name="policy_version_publish",
    ),
    path("policies/<slug:slug>/history/", views.policy_history, name="policy_history"),
]
