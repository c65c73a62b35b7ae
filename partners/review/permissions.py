"""The review area's Wagtail permission policy: read-only actions ("review", "view") for those
``partners.reporting.permissions.may_review`` admits. Nobody, superusers included, gets "add",
"change" or "delete" on reports here: there is no staff edit form for a partner's report."""

from wagtail.permission_policies import ModelPermissionPolicy

from partners.reporting.permissions import REVIEW_PERMISSION, may_review

READ_ACTIONS = frozenset({"review", "view"})


class ReviewPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action in READ_ACTIONS and may_review(user)

    def users_with_any_permission(self, actions):
        if not READ_ACTIONS & set(actions):
            return self.auth_model.objects.none()
        codename = REVIEW_PERMISSION.split(".", 1)[1]
        return self._get_users_with_any_permission_codenames([codename]).filter(
            is_staff=True, is_active=True
        )
