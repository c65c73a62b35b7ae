"""Who reaches the review area: active staff with ``partners.review_report``. Nobody, superusers
included, gets "add", "change" or "delete" on reports here: there is no staff edit form for a
partner's report at all."""

from wagtail.permission_policies import ModelPermissionPolicy

REVIEW_PERMISSION = "partners.review_report"
READ_ACTIONS = frozenset({"review", "view"})


class ReviewPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action not in READ_ACTIONS:
            return False
        return bool(
            user.is_authenticated
            and user.is_active
            and user.is_staff
            and user.has_perm(REVIEW_PERMISSION)
        )

    def users_with_any_permission(self, actions):
        if not READ_ACTIONS & set(actions):
            return self.auth_model.objects.none()
        return self._get_users_with_any_permission_codenames(["review_report"]).filter(
            is_staff=True
        )
